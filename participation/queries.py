"""Read-only queries of the participation app, each a fixed number of statements."""

from datetime import timedelta

from django.db.models import Avg, Count, Q
from django.utils import timezone

from participation.models import ArticleRating, Moderation, Question, QuestionVote

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
