"""Check-in's place of personal data, registered with `core.personal_data` (checkin/apps.py): the scans
of a person's tickets, which their download lists (gate and time)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from checkin.models import CheckIn
from core import personal_data
from core.personal_data import months_before


def _export(person):
    scans = CheckIn.objects.filter(ticket_id__in=person.ticket_ids).select_related("checkin_list")
    return [
        {
            "scanned_at": scan.created_at.isoformat(),
            "list": scan.checkin_list.name,
            "gate": scan.gate,
            "type": scan.type,
            "admitted": scan.successful,
            "undone_at": scan.annulled_at.isoformat() if scan.annulled_at else None,
        }
        for scan in scans.order_by("created_at", "pk")
    ]


def register():
    personal_data.exempt(
        "checkin.BadgeJob",
        _(
            "A bulk badge PDF holds attendees' names for printing; only organisers can download it, "
            "and it is deleted 14 days after it was made."
        ),
    )
    personal_data.register(
        "checkin.CheckIn",
        section="scans",
        title=_("Scans of your tickets"),
        # The scanned code is the ticket's secret (or what a volunteer typed to find the person).
        fields=("raw_code",),
        rows=lambda person: CheckIn.objects.filter(ticket_id__in=person.ticket_ids),
        export=_export,
        expired=lambda now: CheckIn.objects.exclude(raw_code="").filter(
            created_at__lt=months_before(now, settings.PRIVACY_RETAIN_ATTENDEES_MONTHS)
        ),
        kept=_("The time and gate of each scan, without who: for attendance figures."),
    )
