"""Content's places of personal data, registered with `core.personal_data` (content/apps.py): support
requests, which belong to the person who wrote them with the same e-mail address."""

from django.conf import settings
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from content.models import SupportRequest
from core import personal_data
from core.personal_data import any_filled, months_before

FIELDS = ("name", "email", "phone", "message", "organiser_note", "consent_text")


def _rows(person):
    # `person.emails` are lower case; people type their address with capitals now and then.
    return SupportRequest.objects.alias(address=Lower("email")).filter(address__in=person.emails)


def _export(person):
    return [
        {
            "received_at": r.created_at.isoformat(),
            "name": r.name,
            "email": r.email,
            "phone": r.phone,
            "topic": r.topic,
            "message": r.message,
            "status": r.status,
        }
        for r in _rows(person).order_by("created_at", "pk")
    ]


def register():
    personal_data.register(
        "content.SupportRequest",
        section="support_requests",
        title=_("Support requests"),
        fields=FIELDS,
        rows=_rows,
        export=_export,
        expired=lambda now: SupportRequest.objects.filter(
            any_filled(FIELDS), created_at__lt=months_before(now, settings.PRIVACY_RETAIN_ATTENDEES_MONTHS)
        ),
        kept=_("The date and topic of each support request: for the hotline's statistics."),
    )
    personal_data.exempt(
        "content.SiteContactSettings", _("The organisers' public hotline and address, shown on every page.")
    )
