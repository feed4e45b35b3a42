"""The admin's Q&A page: each session of the coming days with its moderator link and room screen."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import timezone

from events.models import Session
from participation import links
from participation.models import Moderation

DAYS_AHEAD = 14


def can_moderate(user):
    return user.has_perm("participation.change_question")


def qa_sessions(request):
    if not can_moderate(request.user):
        raise PermissionDenied
    now = timezone.now()
    sessions = list(
        Session.objects.filter(
            event__live=True,
            ends_at__gte=now - timedelta(days=1),
            starts_at__lte=now + timedelta(days=DAYS_AHEAD),
        )
        .exclude(session_type="break")
        .select_related("event", "room")
        .annotate(
            pending=Count("questions", filter=Q(questions__status=Moderation.PENDING)),
            approved=Count("questions", filter=Q(questions__status=Moderation.APPROVED)),
        )
        .order_by("starts_at", "id")
    )
    for session in sessions:
        session.moderator_url = links.moderator_url(session.pk)
        session.screen_url = links.screen_url(session.pk)
        session.qa_url = links.qa_url(session.pk)
    return TemplateResponse(
        request, "participation/admin/qa_sessions.html", {"sessions": sessions, "days": DAYS_AHEAD}
    )
