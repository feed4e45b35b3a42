"""The admission rules of a scan, in pretix's order: pure functions of the ticket, the list and its history."""

from django.utils.translation import gettext as _

from checkin.models import CheckInType, Reason
from registration.models import AttendeeCategory, OrderStatus, TicketStatus

CANCELLED_ORDER_STATES = (OrderStatus.CANCELLED, OrderStatus.EXPIRED, OrderStatus.REFUNDED)
# Tickets the volunteer should look at twice: press and international guests get accompanied.
ATTENTION_CATEGORIES = (AttendeeCategory.PRESS, AttendeeCategory.INTERNATIONAL_GUEST)


def evaluate_scan(ticket, checkin_list, history, scan_type, now):
    """(reason, detail, previous), reason None for a pass. `history`: the ticket's scans on this list
    that count, oldest first; `previous` is the admission a refused repeat scan points to."""
    if ticket.order.event_id != checkin_list.event_id:
        return Reason.WRONG_EVENT, "", None
    if scan_type == CheckInType.EXIT:
        # Someone leaving is let out whatever their ticket's state; exits only feed "inside now".
        return None, "", None
    refusal = ticket_refusal(
        checkin_list,
        ticket.status,
        ticket.order.status,
        ticket.ticket_type_id,
        getattr(ticket, "has_seat", False),
    )
    if refusal is not None and refusal[2]:
        return refusal[0], refusal[1], None
    if not within_hours(checkin_list, now):
        return Reason.INVALID_TIME, "", None
    if refusal is not None:
        return refusal[0], refusal[1], None
    return history_refusal(checkin_list, history)


def ticket_refusal(checkin_list, ticket_status, order_status, ticket_type_id, has_seat):
    """The entry refusal that depends on the ticket alone (not on the time or its scans), as
    (reason, detail, before_hours), or None. `before_hours`: pretix's order checks it before the
    list's hours. The offline bundle carries it per ticket (services/offline.py)."""
    if ticket_status == TicketStatus.CANCELLED or order_status in CANCELLED_ORDER_STATES:
        return Reason.CANCELED, "", True
    admitted = checkin_list.admitted_type_ids
    if admitted and ticket_type_id not in admitted:
        return Reason.PRODUCT, "", True
    if checkin_list.session_id and not has_seat:
        return Reason.PRODUCT, "no_seat", True
    if order_status == OrderStatus.PENDING_EMAIL:
        return Reason.UNPAID, "pending_email", False
    if order_status == OrderStatus.PENDING_APPROVAL and not checkin_list.admit_pending_approval:
        return Reason.UNPAID, "pending_approval", False
    if order_status == OrderStatus.PENDING_PAYMENT and not checkin_list.admit_unpaid:
        return Reason.UNPAID, "pending_payment", False
    return None


def within_hours(checkin_list, now):
    return not (
        (checkin_list.valid_from and now < checkin_list.valid_from)
        or (checkin_list.valid_until and now >= checkin_list.valid_until)
    )


def history_refusal(checkin_list, history):
    """(reason, detail, previous) from the ticket's earlier scans on the list that count, oldest first."""
    admissions = [row for row in history if row.successful and row.annulled_at is None]
    entries = [row for row in admissions if row.type == CheckInType.ENTRY]
    if entries:
        if not checkin_list.allow_reentry:
            return Reason.ALREADY_REDEEMED, "", entries[0]
        if checkin_list.record_exits and admissions[-1].type == CheckInType.ENTRY:
            # Re-entry is allowed after leaving; this ticket is still inside.
            return Reason.ALREADY_REDEEMED, "inside", admissions[-1]
    return None, "", None


def attention_reasons(ticket):
    """Why the volunteer should look twice at an admitted ticket (empty: a plain green)."""
    return attention_for(ticket.category, ticket.ticket_type, ticket.note_for_staff)


def attention_for(category, ticket_type, note_for_staff):
    reasons = []
    if category in ATTENTION_CATEGORIES:
        reasons.append(AttendeeCategory(category).label)
    if ticket_type.requires_approval:
        reasons.append(_("Guest ticket type (%(type)s): check the name") % {"type": ticket_type.name})
    if note_for_staff:
        reasons.append(note_for_staff)
    return [str(reason) for reason in reasons]
