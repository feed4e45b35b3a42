"""Schedule changes: a published session moved (time or room) tells its seat holders, once per burst of edits.

`note_session_change` (a signal before every save of a session) keeps one open `ScheduleChange` per session
with the time and room from before its first edit. Once no edit has come for
`SCHEDULE_CHANGE_DELAY_MINUTES`, `send_schedule_changes` (Celery beat, every minute) closes it with
the time and room now, makes one notice per seat holder and sends them the way reminders are sent:
claimed once, retried while the mail server is down. A burst that ends where it began sends nothing.

Starring a session in a personal agenda is not tied to a registration (the agenda is a secret key,
with no address), so seat holders are the people told.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import EventPage, Session
from registration.models import OrderStatus, SeatStatus, Ticket, TicketStatus

from ..emails import schedule_change_message
from ..models import ScheduleChange, ScheduleChangeNotice
from .delivery import send_all

MOVED_FIELDS = ("starts_at", "ends_at", "room_id")


def note_session_change(session) -> ScheduleChange | None:
    """Before a session is saved: when a published session's time or room moves, open (or extend) its
    pending change. Should the save then fail, the change closes later finding nothing moved."""
    if session.pk is None:
        return None
    before = Session.objects.filter(pk=session.pk).values(*MOVED_FIELDS).first()
    if before is None or all(before[f] == getattr(session, f) for f in MOVED_FIELDS):
        return None
    if not EventPage.objects.filter(pk=session.event_id, live=True).exists():
        return None
    now = timezone.now()
    with transaction.atomic():
        extended = ScheduleChange.objects.filter(session_id=session.pk, closed_at__isnull=True).update(
            last_changed_at=now
        )
        if extended:
            return ScheduleChange.objects.get(session_id=session.pk, closed_at__isnull=True)
        try:
            # A savepoint: an edit saved at the same moment elsewhere may have opened it first.
            with transaction.atomic():
                return ScheduleChange.objects.create(
                    session_id=session.pk,
                    old_starts_at=before["starts_at"],
                    old_ends_at=before["ends_at"],
                    old_room_id=before["room_id"],
                    first_changed_at=now,
                    last_changed_at=now,
                )
        except IntegrityError:
            ScheduleChange.objects.filter(session_id=session.pk, closed_at__isnull=True).update(
                last_changed_at=now
            )
            return None


def _seat_holders(session_id):
    return Ticket.objects.filter(
        status=TicketStatus.VALID,
        order__status=OrderStatus.CONFIRMED,
        seats__session_id=session_id,
        seats__status=SeatStatus.CONFIRMED,
    ).exclude(email="", order__email="")


def close_quiet_changes(now=None) -> int:
    """Close the changes no edit has touched for the quiet period, making their notices; returns how many
    were closed. Each is closed by one run only (locked, skipping those another run holds)."""
    now = now or timezone.now()
    quiet_since = now - timedelta(minutes=settings.SCHEDULE_CHANGE_DELAY_MINUTES)
    closed = 0
    candidates = ScheduleChange.objects.filter(closed_at__isnull=True, last_changed_at__lte=quiet_since)
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            change = (
                ScheduleChange.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, closed_at__isnull=True, last_changed_at__lte=quiet_since)
                .first()
            )
            if change is None:
                continue
            session = Session.objects.get(pk=change.session_id)
            change.new_starts_at, change.new_ends_at = session.starts_at, session.ends_at
            change.new_room_id = session.room_id
            change.closed_at = now
            change.save(update_fields=["new_starts_at", "new_ends_at", "new_room", "closed_at"])
            if change.time_changed or change.room_changed:
                ScheduleChangeNotice.objects.bulk_create(
                    [
                        ScheduleChangeNotice(change=change, ticket_id=ticket_id)
                        for ticket_id in _seat_holders(session.pk).values_list("pk", flat=True).distinct()
                    ],
                    ignore_conflicts=True,
                )
            closed += 1
    return closed


def _build(notice, ticket):
    return schedule_change_message(ticket, notice.change), "schedule_change"


def send_schedule_changes(now=None) -> dict:
    """Close the quiet changes and send their notices (and any left unsent by a mail-server outage)."""
    now = now or timezone.now()
    closed = close_quiet_changes(now)
    pending = list(
        ScheduleChangeNotice.objects.filter(
            sent_at__isnull=True, change__session__ends_at__gt=now, ticket__status=TicketStatus.VALID
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sent, failed = send_all(ScheduleChangeNotice, pending, _build)
    return {"closed": closed, "sent": sent, "failed": failed}
