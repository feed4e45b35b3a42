"""Content's places of personal data, registered with `core.personal_data` (content/apps.py): support
requests, which belong to the person who wrote them with the same e-mail address, and the organisers'
replies to them (written to that person, often about them)."""

from django.conf import settings
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from content.models import SupportReply, SupportRequest
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
            "reference": r.reference,
        }
        for r in _rows(person).order_by("created_at", "pk")
    ]


def _reply_rows(person):
    return SupportReply.objects.filter(request__in=_rows(person))


def _export_replies(person):
    return [
        {"reference": reply.request.reference, "sent_at": reply.created_at.isoformat(), "body": reply.body}
        for reply in _reply_rows(person).select_related("request").order_by("created_at", "pk")
    ]


def register():
    # Replies first: erasure goes in this order, and a reply is found through its request's e-mail.
    personal_data.register(
        "content.SupportReply",
        section="support_replies",
        title=_("Replies to support requests"),
        fields=("body",),
        rows=_reply_rows,
        export=_export_replies,
        expired=lambda now: SupportReply.objects.exclude(body="").filter(
            request__created_at__lt=months_before(now, settings.PRIVACY_RETAIN_ATTENDEES_MONTHS)
        ),
        kept=_("When each reply was sent: for the hotline's response times."),
    )
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
