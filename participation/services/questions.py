"""Questions at sessions: asking, upvoting, and the moderator's decisions."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core import page_cache
from participation.models import Moderation, Question, QuestionVote
from participation.queries import qa_is_open


class QuestionsClosed(Exception):
    """The session is not taking questions now."""


def ask_question(session, *, browser, text, name=""):
    """A question waits for its moderator; nothing is public before that."""
    if not qa_is_open(session):
        raise QuestionsClosed
    with transaction.atomic():
        question = Question.objects.create(
            session=session, browser=browser, text=text.strip(), name=name.strip()
        )
        log(instance=question, action="participation.question_asked", data={"session": session.pk})
    return question


def upvote(question_id, *, session_id, browser):
    """One vote per browser per approved question of the session; (question, counted) or None when
    there is no such question to vote for."""
    with transaction.atomic():
        # The row lock keeps the count exact when a whole room votes at once.
        question = (
            Question.objects.select_for_update()
            .filter(pk=question_id, session_id=session_id, status=Moderation.APPROVED)
            .first()
        )
        if question is None:
            return None
        try:
            with transaction.atomic():
                QuestionVote.objects.create(question=question, browser=browser)
        except IntegrityError:
            return question, False
        Question.objects.filter(pk=question.pk).update(votes=F("votes") + 1)
        question.votes += 1
    return question, True


ACTIONS = ("approve", "hide", "answer", "unanswer", "pin", "unpin")


def moderate_question(question_id, action, *, session_id, user=None):
    """Apply a moderator's action. Approve or hide first: only an approved question can be answered
    or pinned; one question at a time is pinned. Answered questions of a past session show on its
    page, so a change there clears the page cache."""
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question_id, session_id=session_id)
        approved = question.status == Moderation.APPROVED
        if action == "approve" and question.status != Moderation.APPROVED:
            question.status = Moderation.APPROVED
        elif action == "hide" and question.status != Moderation.HIDDEN:
            question.status, question.is_pinned = Moderation.HIDDEN, False
        elif action in ("answer", "unanswer", "pin", "unpin") and not approved:
            raise ValidationError(_("Approve the question first."), code="moderation_step")
        elif action in ("answer", "unanswer"):
            question.is_answered = action == "answer"
            question.is_pinned = question.is_pinned and not question.is_answered
        elif action == "pin":
            Question.objects.filter(session_id=session_id, is_pinned=True).exclude(pk=question.pk).update(
                is_pinned=False
            )
            question.is_pinned = True
        elif action == "unpin":
            question.is_pinned = False
        elif action not in ACTIONS:
            raise ValidationError(_("Unknown action."), code="invalid")
        question.save(update_fields=["status", "is_answered", "is_pinned"])
        log(instance=question, action="participation.question_moderated", user=user, data={"action": action})
        page_cache.invalidate_on_commit()
    return question
