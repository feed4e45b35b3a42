"""Changes an attendee makes from their registration page (organisers make the same from the admin):
workshop choices, the attendee's name, the e-mail sent again."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import HOLDING_STATES, OrderStatus, SeatStatus, SessionSeat, Ticket, TicketStatus
from .capacity import check_no_overlap, lock_sessions, seats_taken, signup_sessions
from .common import RegistrationError, audit, lock_order
from .emails import queue_email
from .waiting_list import promote_waiting_list


def change_workshops(ticket, session_ids, user=None, now=None) -> Ticket:
    """Replace a ticket's workshop choices; full workshops put the attendee on the waiting list."""
    now = now or timezone.now()
    session_ids = {int(s) for s in session_ids}
    with transaction.atomic():
        order = lock_order(ticket.order_id)
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        if ticket.status != TicketStatus.VALID or order.status not in (
            OrderStatus.CONFIRMED,
            *HOLDING_STATES,
        ):
            raise RegistrationError(_("This ticket is no longer valid."), "invalid_state")
        available = {s.pk: s for s in signup_sessions(order.event).filter(pk__in=session_ids)}
        if set(available) != session_ids:
            raise RegistrationError(_("That workshop is not part of this event."), "wrong_session")
        check_no_overlap(available.values())
        current = {seat.session_id: seat for seat in ticket.seats.all()}
        removed = set(current) - session_ids
        added = session_ids - set(current)
        sessions = lock_sessions(removed | added)
        SessionSeat.objects.filter(ticket=ticket, session_id__in=removed).delete()
        for sid in sorted(added):
            session = sessions[sid]
            free = session.capacity is None or seats_taken(session, now) < session.capacity
            SessionSeat.objects.create(
                ticket=ticket,
                session=session,
                status=SeatStatus.CONFIRMED if free else SeatStatus.WAITING,
                created_at=now,
            )
        audit(
            order,
            "registration.workshops_changed",
            user,
            ticket=ticket.pk,
            added=sorted(added),
            removed=sorted(removed),
        )
        for sid in sorted(removed):
            promote_waiting_list(sid, now)
    return ticket


def rename_attendee(ticket, name, user=None) -> Ticket:
    name = (name or "").strip()
    if not name:
        raise RegistrationError(_("Enter the attendee's name."), "invalid")
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().select_related("order").get(pk=ticket.pk)
        ticket.attendee_name = name
        ticket.save(update_fields=["attendee_name"])
        audit(ticket, "registration.attendee_renamed", user)
    return ticket


def resend_confirmation(order, user=None) -> None:
    """Send again the e-mail the order's state calls for (the link, the tickets, the payment request)."""
    with transaction.atomic():
        order = lock_order(order)
        kind = {
            OrderStatus.CONFIRMED: "confirmation",
            OrderStatus.PENDING_EMAIL: "confirm_email",
            OrderStatus.PENDING_APPROVAL: "awaiting_approval",
            OrderStatus.PENDING_PAYMENT: "approved_pay",
        }.get(order.status)
        if kind is None:
            raise RegistrationError(
                _("There is nothing to resend for a cancelled registration."), "invalid_state"
            )
        audit(order, "registration.email_resent", user, kind=kind)
        queue_email(order, kind)
