"""Read-only queries of the content app with a fixed number of statements: the support report."""

from datetime import timedelta
from statistics import median

from django.db.models import Count
from django.utils import timezone

from content.models import SupportRequest

REPORT_PERIODS = (30, 365)


def _durations(rows, field):
    return [row[field] - row["created_at"] for row in rows if row[field] is not None]


def response_summary(rows):
    """How many requests were received, first answered and closed, and how fast (rows of the three
    moments)."""
    first_replies, closings = _durations(rows, "first_reply_at"), _durations(rows, "closed_at")
    return {
        "received": len(rows),
        "replied": len(first_replies),
        "closed": len(closings),
        "first_reply_median": median(first_replies) if first_replies else None,
        "first_reply_longest": max(first_replies) if first_replies else None,
        "close_median": median(closings) if closings else None,
        "close_longest": max(closings) if closings else None,
    }


def support_report(now=None):
    """Requests by state now, and how fast they were first answered and closed: over the last 30 and
    365 days (by the day they were received) and by topic over the year. Two statements."""
    now = now or timezone.now()
    by_status = dict(SupportRequest.objects.values_list("status").annotate(count=Count("pk")))
    year = list(
        SupportRequest.objects.filter(created_at__gte=now - timedelta(days=max(REPORT_PERIODS))).values(
            "created_at", "first_reply_at", "closed_at", "topic"
        )
    )
    periods = [
        {
            "days": days,
            **response_summary([row for row in year if row["created_at"] >= now - timedelta(days=days)]),
        }
        for days in REPORT_PERIODS
    ]
    topics = [
        {"topic": label, **response_summary([row for row in year if row["topic"] == value])}
        for value, label in SupportRequest.Topic.choices
    ]
    states = [(label, by_status.get(value, 0)) for value, label in SupportRequest.Status.choices]
    return {"states": states, "periods": periods, "topics": topics}
