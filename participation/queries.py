"""Read-only queries of the participation app, each a fixed number of statements."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Avg, Count, Q
from django.utils import timezone

from checkin.models import CheckIn, CheckInType
from events.models import Session, SessionType, Speaker
from participation.models import ArticleRating, Moderation, Question, QuestionVote, SessionFeedback

# People open the Q&A as they sit down, and the last questions come in while the room empties.
QA_OPENS_BEFORE = timedelta(hours=1)
QA_CLOSES_AFTER = timedelta(minutes=30)


def article_summary(article, comments=5):
    """(average or None, count, the latest approved comments) over every language of the article:
    two statements."""
    counted = ArticleRating.objects.filter(translation_key=article.translation_key).exclude(
        status=Moderation.HIDDEN
    )
    totals = counted.aggregate(average=Avg("stars"), count=Count("pk"))
    latest = list(
        counted.filter(~Q(comment=""), status=Moderation.APPROVED)
        .order_by("-created_at")
        .values("stars", "comment", "created_at")[:comments]
    )
    return totals["average"], totals["count"], latest


def qa_is_open(session, now=None):
    now = now or timezone.now()
    return session.starts_at - QA_OPENS_BEFORE <= now <= session.ends_at + QA_CLOSES_AFTER


def public_questions(session_id):
    """The approved questions of a session, in the screen's order (pinned, most votes, oldest)."""
    return Question.objects.filter(session_id=session_id, status=Moderation.APPROVED).only(
        "pk", "session_id", "text", "name", "is_answered", "is_pinned", "votes", "created_at"
    )


def answered_questions(session_id):
    return public_questions(session_id).filter(is_answered=True)


def voted_question_ids(session_id, browser):
    if not browser:
        return set()
    return set(
        QuestionVote.objects.filter(question__session_id=session_id, browser=browser).values_list(
            "question_id", flat=True
        )
    )


def moderation_queue(session_id):
    """Every question of the session for its moderator, grouped by moderation state, each group in the
    screen's order (pinned, most votes, oldest)."""
    groups = {status: [] for status in Moderation.values}
    for question in Question.objects.filter(session_id=session_id):
        groups[question.status].append(question)
    return groups


def admitted_session_ids(ticket, now=None):
    """The sessions this ticket may give feedback on: ended sessions of its event (no breaks) that it was
    admitted to, by a scan at the session's door or at a gate of the event on the session's day.
    Two statements (the ticket comes with its order)."""
    now = now or timezone.now()
    scans = CheckIn.objects.filter(
        ticket=ticket, successful=True, type=CheckInType.ENTRY, annulled_at__isnull=True
    ).values_list("checkin_list__session_id", "created_at")
    door_sessions, gate_days = set(), set()
    for session_id, scanned_at in scans:
        if session_id:
            door_sessions.add(session_id)
        else:
            gate_days.add(timezone.localdate(scanned_at))
    if not door_sessions and not gate_days:
        return []
    sessions = Session.objects.filter(event_id=ticket.order.event_id, ends_at__lte=now).exclude(
        session_type=SessionType.BREAK
    )
    admitted = Q(pk__in=door_sessions)
    for day in gate_days:
        admitted |= Q(starts_at__date=day)
    return list(sessions.filter(admitted).order_by("starts_at", "pk").values_list("pk", flat=True))


def _rating_columns(prefix):
    """Count, average and the count of each rating 1–5 over `prefix`'s feedback rows, as annotations."""
    columns = {
        "ratings": Count(prefix, distinct=True),
        "average": Avg(f"{prefix}__rating"),
    }
    for value in range(1, 6):
        columns[f"rated_{value}"] = Count(prefix, filter=Q(**{f"{prefix}__rating": value}), distinct=True)
    return columns


def feedback_by_session(event_id=None):
    """Every session with feedback (of one event, or all): count, average, distribution. One statement."""
    sessions = Session.objects.filter(feedback__isnull=False)
    if event_id:
        sessions = sessions.filter(event_id=event_id)
    return list(
        sessions.annotate(**_rating_columns("feedback"))
        .select_related("event")
        .order_by("-starts_at", "pk")
        .distinct()
    )


def feedback_by_speaker(event_id=None):
    """Every speaker with feedback on their sessions: count, average, distribution. One statement."""
    speakers = Speaker.objects.filter(session_links__session__feedback__isnull=False)
    if event_id:
        speakers = speakers.filter(session_links__session__event_id=event_id)
    prefix = "session_links__session__feedback"
    return list(speakers.annotate(**_rating_columns(prefix)).order_by("-average", "name").distinct())


def public_session_rating(session, now=None):
    """{"average", "count"} of an ended session with at least SESSION_FEEDBACK_PUBLIC_MINIMUM ratings;
    None otherwise (too few could point at one person). One statement, none before the session ends."""
    now = now or timezone.now()
    if session.ends_at > now:
        return None
    totals = SessionFeedback.objects.filter(session=session).aggregate(
        average=Avg("rating"), count=Count("pk")
    )
    if totals["count"] < settings.SESSION_FEEDBACK_PUBLIC_MINIMUM:
        return None
    return {"average": round(totals["average"], 2), "count": totals["count"]}
