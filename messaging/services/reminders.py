"""Reminders before an event and before each workshop: found due, claimed once, sent, recorded.

Every run (the `send_reminders` command, or Celery beat) first inserts one row per reminder that is due
(`ON CONFLICT DO NOTHING`: the unique row is the claim), then sends each unsent row under a row lock
taken with SKIP LOCKED, so that two runs at once never send the same reminder twice. A send that fails
(the mail server is down) leaves the row unsent: the next run tries again, until the event starts.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from registration.models import OrderStatus, SeatStatus, SessionSeat, Ticket, TicketStatus

from ..emails import reminder_message
from ..models import Reminder, ReminderKind
from .delivery import send_all


def _valid_tickets():
    # Erased orders have no address left; a ticket with no address at all cannot be reminded.
    return Ticket.objects.filter(status=TicketStatus.VALID, order__status=OrderStatus.CONFIRMED).exclude(
        email="", order__email=""
    )


def _event_window(now):
    return {
        "starts_at__gt": now,
        "starts_at__lte": now + timedelta(hours=settings.REMINDER_HOURS_BEFORE_EVENT),
    }


def _workshop_window(now):
    hours = settings.REMINDER_HOURS_BEFORE_WORKSHOP
    return {"starts_at__gt": now, "starts_at__lte": now + timedelta(hours=hours)}


def _due_tickets(now):
    window = {f"ticket_type__event__{k}": v for k, v in _event_window(now).items()}
    return _valid_tickets().filter(**window)


def _due_seats(now):
    window = {f"session__{k}": v for k, v in _workshop_window(now).items()}
    return SessionSeat.objects.filter(status=SeatStatus.CONFIRMED, ticket__in=_valid_tickets(), **window)


def create_due_reminders(now=None) -> int:
    """Insert a row for every reminder now due that has none yet; returns how many candidates there were."""
    now = now or timezone.now()
    tickets = _due_tickets(now).exclude(
        pk__in=Reminder.objects.filter(kind=ReminderKind.EVENT).values("ticket_id")
    )
    seats = _due_seats(now).exclude(
        Exists(
            Reminder.objects.filter(
                kind=ReminderKind.WORKSHOP, ticket_id=OuterRef("ticket_id"), session_id=OuterRef("session_id")
            )
        )
    )
    rows = [Reminder(ticket_id=pk, kind=ReminderKind.EVENT) for pk in tickets.values_list("pk", flat=True)]
    rows += [
        Reminder(ticket_id=ticket_id, session_id=session_id, kind=ReminderKind.WORKSHOP)
        for ticket_id, session_id in seats.values_list("ticket_id", "session_id")
    ]
    # Another run may insert the same rows at the same moment: the unique constraints keep one of each.
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def _pending(now):
    """Unsent reminders still worth sending: the ticket still valid, its event or workshop not started."""
    unsent = Reminder.objects.filter(sent_at__isnull=True, ticket__in=_valid_tickets())
    events = unsent.filter(kind=ReminderKind.EVENT, ticket__in=_due_tickets(now))
    seat_held = SessionSeat.objects.filter(
        ticket_id=OuterRef("ticket_id"), session_id=OuterRef("session_id"), status=SeatStatus.CONFIRMED
    )
    workshops = unsent.filter(kind=ReminderKind.WORKSHOP, session__starts_at__gt=now).filter(
        Exists(seat_held)
    )
    return list(events.values_list("pk", flat=True)) + list(workshops.values_list("pk", flat=True))


def send_due_reminders(now=None, dry_run=False) -> dict:
    """Create and send what is due; stops at the first failed send (the mail server is down), leaving
    the rest for the next run. Returns counts: `due`, `sent`, `failed`."""
    now = now or timezone.now()
    if dry_run:
        due = _due_tickets(now).count() + _due_seats(now).count()
        return {"due": due, "sent": 0, "failed": 0}
    create_due_reminders(now)
    pending = _pending(now)
    sent, failed = send_all(Reminder, pending, _build)
    return {"due": len(pending), "sent": sent, "failed": failed}


def _build(reminder, ticket):
    return reminder_message(ticket, reminder.session), f"reminder_{reminder.kind}"
