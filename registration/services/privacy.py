"""Attendees' rights over their personal data: download everything we hold, and erase it."""

from django.db import transaction
from django.utils import timezone

from ..models import HOLDING_STATES, Order, OrderStatus, TicketStatus
from .common import audit, lock_order
from .orders import cancel_order


def personal_data(order) -> dict:
    """Everything we hold about the people in an order, for the attendee's download (JSON)."""
    return {
        "order": {
            "reference": order.reference,
            "event": order.event.title,
            "email": order.email,
            "language": order.language,
            "status": order.status,
            "total_vnd": order.total,
            "created_at": order.created_at.isoformat(),
            "confirmed_at": order.confirmed_at.isoformat() if order.confirmed_at else None,
            "share_with_exhibitors": order.share_with_exhibitors,
        },
        "consents": [
            {
                "purpose": c.purpose,
                "policy_version": c.policy_version,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in order.consents.all()
        ],
        "tickets": [
            {
                "ticket_type": t.ticket_type.name,
                "attendee_name": t.attendee_name,
                "email": t.email,
                "phone": t.phone,
                "organisation": t.organisation,
                "job_title": t.job_title,
                "category": t.category,
                "status": t.status,
                "workshops": [{"session": s.session.title, "status": s.status} for s in t.seats.all()],
            }
            for t in order.tickets.select_related("ticket_type").prefetch_related("seats__session")
        ],
        "emails": [
            {"kind": e.kind, "to": e.to, "sent_at": e.sent_at.isoformat()} for e in order.emails.all()
        ],
    }


def erase_personal_data(order, user=None, now=None) -> Order:
    """The attendee asked for deletion: void the tickets, erase personal data, keep the counts."""
    now = now or timezone.now()
    order = Order.objects.get(pk=order.pk)
    if order.status in (OrderStatus.CONFIRMED, *HOLDING_STATES):
        cancel_order(order, user=user, now=now)
    with transaction.atomic():
        order = lock_order(order)
        order.email = ""
        order.erased_at = now
        order.share_with_exhibitors = False
        order.save(update_fields=["email", "erased_at", "share_with_exhibitors", "updated_at"])
        order.tickets.update(
            status=TicketStatus.CANCELLED,
            attendee_name="",
            email="",
            phone="",
            organisation="",
            job_title="",
            note_for_staff="",
            share_with_exhibitors=False,
            search_text="",
        )
        order.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
        order.emails.update(to="", subject="")
        audit(order, "registration.personal_data_erased", user)
    return order
