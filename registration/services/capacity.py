"""Places: what ticket types and workshops have left, the locks that serialise counting them,
and the checks an order's places must pass.

Locks are always taken in primary-key order, so two transactions never deadlock.
"""

from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Session

from ..models import OrderStatus, SeatStatus, SessionSeat, Ticket, TicketStatus, TicketType, live_order_q
from .common import RegistrationError


def tickets_used(ticket_type, now=None, exclude_order=None):
    """Places of a ticket type taken by confirmed orders and by holds that have not run out."""
    qs = Ticket.objects.filter(ticket_type=ticket_type).holding_places(now)
    if exclude_order is not None:
        qs = qs.exclude(order=exclude_order)
    return qs.count()


def seats_taken(session, now=None, exclude_order=None):
    qs = SessionSeat.objects.filter(
        session=session, status=SeatStatus.CONFIRMED, ticket__status=TicketStatus.VALID
    ).filter(live_order_q("ticket__order__", now))
    if exclude_order is not None:
        qs = qs.exclude(ticket__order=exclude_order)
    return qs.count()


def with_used_counts(queryset, now=None):
    """Ticket types annotated with `used`: places taken by confirmed orders and live holds (one query)."""
    live = live_order_q("tickets__order__", now or timezone.now())
    return queryset.annotate(used=Count("tickets", filter=Q(tickets__status=TicketStatus.VALID) & live))


def with_sold_and_held(queryset, now=None):
    """Ticket types annotated with `sold` (confirmed) and `held` (live holds), for organisers' lists."""
    live = live_order_q("tickets__order__", now or timezone.now())
    confirmed = Q(tickets__order__status=OrderStatus.CONFIRMED)
    valid = Q(tickets__status=TicketStatus.VALID)
    return queryset.annotate(
        sold=Count("tickets", filter=valid & confirmed),
        held=Count("tickets", filter=valid & live & ~confirmed),
    )


def with_seat_counts(queryset, now=None):
    """Sessions annotated with `taken`: confirmed seats of valid tickets in live orders (one query)."""
    live = live_order_q("seats__ticket__order__", now or timezone.now())
    return queryset.annotate(
        taken=Count(
            "seats",
            filter=Q(seats__status=SeatStatus.CONFIRMED, seats__ticket__status=TicketStatus.VALID) & live,
        )
    )


def check_places(ticket_type, quantity, remaining):
    if quantity > remaining:
        raise RegistrationError(
            _("“%(name)s” is sold out.") % {"name": ticket_type.name}
            if remaining <= 0
            else _("Only %(n)s places of “%(name)s” are left.") % {"n": remaining, "name": ticket_type.name},
            "sold_out",
        )


def lock_types(type_ids):
    """Lock ticket types while their places are counted. FOR NO KEY UPDATE on PostgreSQL: it still
    serialises the counts, but does not wait for (or deadlock with) the key-share locks that
    inserting a ticket takes on its type."""
    return {
        t.pk: t
        for t in TicketType.objects.select_for_update(no_key=True)
        .filter(pk__in=sorted(set(type_ids)))
        .order_by("pk")
    }


def lock_sessions(session_ids):
    if not session_ids:
        return {}
    return {
        s.pk: s
        for s in Session.objects.select_for_update().filter(pk__in=sorted(set(session_ids))).order_by("pk")
    }


def check_no_overlap(sessions):
    """Refuse two chosen workshops that overlap in time (for one attendee)."""
    ordered = sorted(sessions, key=lambda s: s.starts_at)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if second.starts_at < first.ends_at:
            raise RegistrationError(
                _("The workshops “%(a)s” and “%(b)s” overlap in time: choose one of them.")
                % {"a": first.title, "b": second.title},
                "overlap",
            )


def signup_sessions(event):
    """Workshops of an event that need a seat."""
    return Session.objects.filter(event=getattr(event, "source_event", event), requires_signup=True).order_by(
        "starts_at", "id"
    )


def revalidate_capacity(order, now) -> bool:
    """After a hold ran out: do this order's tickets still fit? (Locks the ticket types first.)"""
    tickets = list(order.tickets.filter(status=TicketStatus.VALID).select_related("ticket_type"))
    types = lock_types([t.ticket_type_id for t in tickets])
    needed = Counter(t.ticket_type_id for t in tickets)
    for type_id, quantity in needed.items():
        ticket_type = types[type_id]
        if (
            ticket_type.capacity is not None
            and tickets_used(ticket_type, now, exclude_order=order) + quantity > ticket_type.capacity
        ):
            return False
    # Workshop seats that no longer fit move to the waiting list rather than failing the order.
    seats = list(
        SessionSeat.objects.filter(ticket__order=order, status=SeatStatus.CONFIRMED).select_related("session")
    )
    sessions = lock_sessions([s.session_id for s in seats])
    for seat in seats:
        session = sessions[seat.session_id]
        if (
            session.capacity is not None
            and seats_taken(session, now, exclude_order=order) >= session.capacity
        ):
            seat.status = SeatStatus.WAITING
            seat.save(update_fields=["status"])
    return True
