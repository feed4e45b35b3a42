"""Consultations' place of personal data, registered with `core.personal_data` (consultations/apps.py):
comments carry their author's name, e-mail address and organisation, and belong to whoever wrote them
with that address (download and erasure by e-mail)."""

from django.conf import settings
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from consultations.models import ConsultationComment
from core import personal_data
from core.personal_data import ERASED_BY_REQUEST, any_filled, months_before

FIELDS = ("name", "email", "organisation", "consent_text")


def _rows(person):
    # `person.emails` are lower case; people type their address with capitals now and then.
    return ConsultationComment.objects.alias(address=Lower("email")).filter(address__in=person.emails)


def _export(person):
    return [
        {
            "sent_at": c.created_at.isoformat(),
            "consultation": c.consultation.title,
            "section": c.section_title,
            "name": c.name,
            "email": c.email,
            "organisation": c.organisation,
            "comment": c.text,
            "status": c.status,
        }
        for c in _rows(person).select_related("consultation").order_by("created_at", "pk")
    ]


def _erase(rows, now, why):
    # Who wrote it goes; a published comment's text stays in the consultation's record, unsigned. At the
    # person's request an unpublished comment's text goes too: it was never part of the public record.
    changed = rows.update(**dict.fromkeys(FIELDS, ""))
    if why == ERASED_BY_REQUEST:
        rows.exclude(status="published").update(text="")
    return changed


def register():
    personal_data.register(
        "consultations.ConsultationComment",
        section="consultation_comments",
        title=_("Comments on draft documents"),
        fields=FIELDS,
        rows=_rows,
        export=_export,
        expired=lambda now: ConsultationComment.objects.filter(
            any_filled(FIELDS),
            consultation__closes_at__lt=months_before(now, settings.PRIVACY_RETAIN_ATTENDEES_MONTHS),
        ),
        erase=_erase,
        kept=_("The text of your published comments, without your name: the consultation's public record."),
    )
