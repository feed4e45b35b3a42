"""Read-only open data: the consultations, with their stage, dates and counts."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import ListAPIView

from consultations import queries
from consultations.models import Stage
from core.links import absolute_url


class ConsultationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    language = serializers.CharField(source="locale.language_code")
    status = serializers.SerializerMethodField(help_text="upcoming, open or closed, from the dates.")
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    section_count = serializers.SerializerMethodField()
    published_comment_count = serializers.IntegerField(source="published_comments")
    url = serializers.SerializerMethodField()
    document_url = serializers.SerializerMethodField(help_text="The full text (PDF); null when none.")

    @extend_schema_field(serializers.ChoiceField(choices=Stage.values))
    def get_status(self, page):
        return page.stage()

    def get_section_count(self, page) -> int:
        return len(page.section_choices())

    def get_url(self, page) -> str:
        return page.get_full_url(self.context.get("request"))

    def get_document_url(self, page) -> str | None:
        return absolute_url(page.document.url) if page.document else None


@extend_schema(
    tags=["participation"],
    summary="Public consultations on draft documents, newest first, with section and published-comment counts",
)
class ConsultationListView(ListAPIView):
    serializer_class = ConsultationSerializer

    def get_queryset(self):
        return queries.public_consultations().order_by("-opens_at", "pk")
