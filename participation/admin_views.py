"""The admin's Q&A page (each session of the coming days with its moderator link and room screen) and
the results of session feedback."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import timezone

from core.converters import parse_id
from events.models import EventPage, Session
from participation import links, queries
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


def can_read_feedback(user):
    return user.has_perm("participation.view_sessionfeedback") or user.has_perm(
        "participation.change_sessionfeedback"
    )


CHART_WIDTH = 320  # pixels for a full 5 of 5


def _chart_rows(rows, label):
    """Bars for a server-drawn chart: each with its label, value and width, so it reads without colour."""
    return [
        {
            "label": label(row),
            "average": row.average,
            "count": row.ratings,
            "width": round((row.average or 0) / 5 * CHART_WIDTH),
            "y": index * 28,
            "distribution": [getattr(row, f"rated_{value}") for value in range(1, 6)],
        }
        for index, row in enumerate(rows)
    ]


def feedback_results(request):
    """Session feedback per session and per speaker: a bar chart of averages over each table."""
    if not can_read_feedback(request.user):
        raise PermissionDenied
    event_id = parse_id(request.GET.get("event"))
    sessions = queries.feedback_by_session(event_id)
    speakers = queries.feedback_by_speaker(event_id)
    events = EventPage.objects.filter(locale__language_code="vi", sessions__feedback__isnull=False).distinct()
    context = {
        "events": events.order_by("-first_published_at"),
        "event_id": event_id,
        "sessions": _chart_rows(sessions, lambda session: session.title),
        "speakers": _chart_rows(speakers, lambda speaker: speaker.name),
        "chart_width": CHART_WIDTH,
        "scale": [{"value": value, "x": round(value / 5 * CHART_WIDTH)} for value in range(6)],
    }
    return TemplateResponse(request, "participation/admin/feedback_results.html", context)
