"""Messaging's places of personal data, registered with `core.personal_data` (see messaging/apps.py)."""

from django.utils.translation import gettext_lazy as _

from core import personal_data
from registration.personal_data import attendee_cutoff

from .models import AnnouncementOptOut, AnnouncementRecipient, Reminder, ScheduleChangeNotice


def _iso(value):
    return value.isoformat() if value else None


def _export_reminders(person):
    reminders = Reminder.objects.filter(ticket_id__in=person.ticket_ids).select_related("session")
    return [
        {
            "kind": r.kind,
            "workshop": r.session.title if r.session else None,
            "sent_at": _iso(r.sent_at),
        }
        for r in reminders.order_by("created_at", "pk")
    ]


def _export_notices(person):
    notices = ScheduleChangeNotice.objects.filter(ticket_id__in=person.ticket_ids).select_related(
        "change__session"
    )
    return [{"session": n.change.session.title, "sent_at": _iso(n.sent_at)} for n in notices.order_by("pk")]


def _addresses(person):
    return [email.lower() for email in person.emails if email]


def _export_announcements(person):
    rows = AnnouncementRecipient.objects.filter(email__in=_addresses(person)).select_related("announcement")
    return [
        {
            "announcement": r.announcement.subject_vi,
            "email": r.email,
            "status": r.status,
            "sent_at": _iso(r.sent_at),
        }
        for r in rows.order_by("pk")
    ]


def _export_opt_outs(person):
    rows = AnnouncementOptOut.objects.filter(email__in=_addresses(person))
    return [{"email": r.email, "unsubscribed_at": _iso(r.created_at)} for r in rows.order_by("pk")]


def _delete(queryset, now, why):
    # Which tickets were reminded of what says nothing once the tickets are anonymised; an erased
    # person's tickets are void, so nothing is left to remind them of.
    deleted, _by_model = queryset.delete()
    return deleted


def register():
    personal_data.register(
        "messaging.Reminder",
        section="reminders",
        title=_("Reminders we sent you"),
        fields=(),
        rows=lambda person: Reminder.objects.filter(ticket_id__in=person.ticket_ids),
        export=_export_reminders,
        # Reminders hold no personal field: the e-mail's address and subject are in registration's log.
        expired=lambda now: Reminder.objects.none(),
        erase=_delete,
    )
    personal_data.register(
        "messaging.ScheduleChangeNotice",
        section="schedule_changes",
        title=_("Schedule changes we told you about"),
        fields=(),
        rows=lambda person: ScheduleChangeNotice.objects.filter(ticket_id__in=person.ticket_ids),
        export=_export_notices,
        expired=lambda now: ScheduleChangeNotice.objects.none(),
        erase=_delete,
    )
    personal_data.register(
        "messaging.AnnouncementRecipient",
        section="announcements",
        title=_("Announcements we sent you"),
        fields=("email",),
        rows=lambda person: AnnouncementRecipient.objects.filter(email__in=_addresses(person)),
        export=_export_announcements,
        # The sending log of an announcement sent longer ago than attendees' details are kept.
        expired=lambda now: AnnouncementRecipient.objects.filter(
            announcement__finished_at__lt=attendee_cutoff(now)
        ),
        # Deleted, not emptied: an announcement's log holds each address once.
        erase=_delete,
        kept=_("How many people each announcement reached, without their addresses."),
    )
    personal_data.register(
        "messaging.AnnouncementOptOut",
        section="announcement_opt_outs",
        title=_("Your choice to receive no announcements"),
        fields=("email",),
        rows=lambda person: AnnouncementOptOut.objects.filter(email__in=_addresses(person)),
        export=_export_opt_outs,
        # Kept while it is needed: dropping it would send announcements to someone who said no.
        expired=lambda now: AnnouncementOptOut.objects.none(),
        erase=_delete,
    )
