"""Ending an order's hold on its places: cancelled, refunded, rejected or run out."""

from ..models import OrderStatus, SessionSeat, TicketStatus
from .waiting_list import promote_waiting_list


def release(order, status, now):
    """Set a final status, void the tickets and free their workshop seats (promoting the waiting list).

    Call with the order locked, inside the caller's transaction.
    """
    order.status = status
    if status in (OrderStatus.CANCELLED, OrderStatus.REFUNDED):
        order.cancelled_at = now
    order.save(update_fields=["status", "cancelled_at", "updated_at"])
    session_ids = set(SessionSeat.objects.filter(ticket__order=order).values_list("session_id", flat=True))
    if status != OrderStatus.EXPIRED:
        order.tickets.update(status=TicketStatus.CANCELLED)
        SessionSeat.objects.filter(ticket__order=order).delete()
    # Expired holds keep tickets and seats (they no longer count against capacity) so that a late
    # payment can revive them if the places are still free.
    for session_id in sorted(session_ids):
        promote_waiting_list(session_id, now)
