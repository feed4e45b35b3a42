"""Read-only open data of participation: a session's approved questions."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView

from events.models import Session
from participation import queries


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    text = serializers.CharField()
    name = serializers.CharField(help_text="The name the asker gave; empty when anonymous.")
    votes = serializers.IntegerField()
    is_answered = serializers.BooleanField()
    is_pinned = serializers.BooleanField()
    asked_at = serializers.DateTimeField(source="created_at")


@extend_schema(
    tags=["programme"],
    summary="Approved audience questions of a session: pinned first, then by votes",
)
class SessionQuestionListView(ListAPIView):
    serializer_class = QuestionSerializer

    def get_queryset(self):
        session = get_object_or_404(Session.objects.filter(event__live=True).only("pk"), pk=self.kwargs["pk"])
        return queries.public_questions(session.pk)
