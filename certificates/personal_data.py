"""Certificates' place of personal data, registered with `core.personal_data` (certificates/apps.py).

A certificate holds the attendee's name, shown to anyone who has its code. Erasure deletes the
certificate rather than blanking the name: a verifiable certificate for nobody would be worthless, and
once deleted its code answers "not found", like a code never issued. Retention keeps certificates: they
are the attendee's proof of training, and hold nothing but the name (no contact details).
"""

from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from core import personal_data


def _export(person):
    certificates = Certificate.objects.filter(ticket_id__in=person.ticket_ids).select_related("event")
    return [
        {
            "code": c.code,
            "name": c.name,
            "class": c.event.title,
            "hours": str(c.hours) if c.hours is not None else None,
            "issued_at": c.issued_at.isoformat(),
            "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
        }
        for c in certificates.order_by("issued_at", "pk")
    ]


def _delete(queryset, now, why):
    deleted, _by_model = queryset.delete()
    return deleted


def register():
    personal_data.register(
        "certificates.Certificate",
        section="certificates",
        title=_("Certificates of attendance"),
        fields=("name",),
        rows=lambda person: Certificate.objects.filter(ticket_id__in=person.ticket_ids),
        export=_export,
        expired=lambda now: Certificate.objects.none(),
        erase=_delete,
    )
