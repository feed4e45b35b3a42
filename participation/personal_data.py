"""Participation's places of personal data, declared to `core.personal_data` (participation/apps.py).

Nobody logs in here: a browser is known only by the SHA-256 of a random cookie, and nothing links a
question or a rating to a registration, so an attendee's erasure cannot find them; retention empties
the name people may sign a question with.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import personal_data
from core.personal_data import any_filled, months_before
from participation.models import Question

QUESTION_FIELDS = ("name", "browser")


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
    reason = _(
        "Only the hash of a random cookie, so that one browser rates or votes once; it names nobody and "
        "links to no registration."
    )
    personal_data.exempt("participation.ArticleRating", reason)
    personal_data.exempt("participation.QuestionVote", reason)
