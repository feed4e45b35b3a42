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
    if ticket.status == TicketStatus.CANCELLED or ticket.order.status in CANCELLED_ORDER_STATES:
        return Reason.CANCELED, "", None
    admitted = checkin_list.admitted_type_ids
    if admitted and ticket.ticket_type_id not in admitted:
        return Reason.PRODUCT, "", None
    if checkin_list.session_id and not ticket.has_seat:
        return Reason.PRODUCT, "no_seat", None
    if (checkin_list.valid_from and now < checkin_list.valid_from) or (
        checkin_list.valid_until and now >= checkin_list.valid_until
    ):
        return Reason.INVALID_TIME, "", None
    status = ticket.order.status
    if status == OrderStatus.PENDING_EMAIL:
        return Reason.UNPAID, "pending_email", None
    if status == OrderStatus.PENDING_APPROVAL and not checkin_list.admit_pending_approval:
        return Reason.UNPAID, "pending_approval", None
    if status == OrderStatus.PENDING_PAYMENT and not checkin_list.admit_unpaid:
        return Reason.UNPAID, "pending_payment", None
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
    reasons = []
    if ticket.category in ATTENTION_CATEGORIES:
        reasons.append(AttendeeCategory(ticket.category).label)
    if ticket.ticket_type.requires_approval:
        reasons.append(_("Guest ticket type (%(type)s): check the name") % {"type": ticket.ticket_type.name})
    if ticket.note_for_staff:
        reasons.append(ticket.note_for_staff)
    return [str(reason) for reason in reasons]
