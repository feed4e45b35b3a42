"""Participation's places of personal data, declared to `core.personal_data` (participation/apps.py).

Nobody logs in for ratings and questions: a browser is known only by the SHA-256 of a random cookie,
and nothing links a question or a rating to a registration, so an attendee's erasure cannot find them;
retention empties the name people may sign a question with. Feedback on sessions belongs to a ticket:
its written answers are in the attendee's download and emptied by erasure; the rating stays.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import personal_data
from core.personal_data import any_filled, months_before
from participation.models import FeedbackInvitation, Question, SessionFeedback

QUESTION_FIELDS = ("name", "browser")
FEEDBACK_FIELDS = ("most_useful", "should_change")


def _feedback_rows(person):
    return SessionFeedback.objects.filter(ticket_id__in=person.ticket_ids)


def _export_feedback(person):
    return [
        {
            "session": feedback.session.title,
            "given_at": feedback.created_at.isoformat(),
            "rating": feedback.rating,
            "most_useful": feedback.most_useful,
            "should_change": feedback.should_change,
        }
        for feedback in _feedback_rows(person).select_related("session").order_by("created_at", "pk")
    ]


def register():
    personal_data.register(
        "participation.Question",
        section="session_questions",
        title=_("Questions asked at sessions"),
        fields=QUESTION_FIELDS,
        # No e-mail or ticket on a question: nothing ties it to a registration, only retention reaches it.
        rows=None,
        export=lambda person: [],
        expired=lambda now: Question.objects.filter(
            any_filled(QUESTION_FIELDS),
            session__event__ends_at__lt=months_before(now, settings.PRIVACY_RETAIN_ATTENDEES_MONTHS),
        ),
        kept=_("The questions' text and votes, without who asked: the session's record."),
    )
    personal_data.register(
        "participation.SessionFeedback",
        section="session_feedback",
        title=_("Feedback on sessions"),
        fields=FEEDBACK_FIELDS,
        rows=_feedback_rows,
        export=_export_feedback,
        expired=lambda now: SessionFeedback.objects.filter(
            any_filled(FEEDBACK_FIELDS),
            session__event__ends_at__lt=months_before(now, settings.PRIVACY_RETAIN_ATTENDEES_MONTHS),
        ),
        kept=_("The ratings (1 to 5) without your answers: the sessions' averages."),
    )
    personal_data.register(
        "participation.FeedbackInvitation",
        section="feedback_invitations",
        title=_("Invitations to give feedback"),
        fields=(),
        rows=lambda person: FeedbackInvitation.objects.filter(ticket_id__in=person.ticket_ids),
        export=lambda person: [
            {"day": invitation.day.isoformat(), "sent_at": invitation.sent_at.isoformat()}
            for invitation in FeedbackInvitation.objects.filter(ticket_id__in=person.ticket_ids).order_by(
                "day"
            )
        ],
        expired=lambda now: FeedbackInvitation.objects.none(),
        kept=_("The days we invited you to give feedback: so that nobody is invited twice."),
    )
    reason = _(
        "Only the hash of a random cookie, so that one browser rates or votes once; it names nobody and "
        "links to no registration."
    )
    personal_data.exempt("participation.ArticleRating", reason)
    personal_data.exempt("participation.QuestionVote", reason)
