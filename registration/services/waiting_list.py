"""Workshop waiting lists: a freed seat goes to the longest-waiting confirmed attendee."""

from django.db import transaction
from django.utils import timezone

from events.models import Session

from ..models import OrderStatus, SeatStatus, SessionSeat, TicketStatus
from .capacity import seats_taken
from .common import audit
from .emails import queue_email


def promote_waiting_list(session_id, now=None) -> list[SessionSeat]:
    """Give free seats of a workshop to the longest-waiting confirmed attendees, and tell them."""
    now = now or timezone.now()
    promoted = []
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session_id)
        if session.capacity is None:
            free = 10**9
        else:
            free = session.capacity - seats_taken(session, now)
        if free <= 0:
            return []
        waiting = (
            SessionSeat.objects.select_for_update()
            .filter(
                session=session,
                status=SeatStatus.WAITING,
                ticket__status=TicketStatus.VALID,
                ticket__order__status=OrderStatus.CONFIRMED,
            )
            .select_related("ticket__order")
            .order_by("created_at", "pk")[:free]
        )
        for seat in waiting:
            seat.status = SeatStatus.CONFIRMED
            seat.promoted_at = now
            seat.save(update_fields=["status", "promoted_at"])
            audit(seat.ticket.order, "registration.seat_promoted", session=session.pk, ticket=seat.ticket_id)
            queue_email(seat.ticket.order, "promoted", session_id=session.pk, ticket_id=seat.ticket_id)
            promoted.append(seat)
    return promoted
