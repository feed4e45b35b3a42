"""Registration's places of personal data, registered with `core.personal_data` (see registration/apps.py):
the order, its tickets, workshop seats, consents and the e-mails sent."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import personal_data
from core.personal_data import ERASED_BY_REQUEST, any_filled, months_before

from .models import BankTransfer, Consent, Order, PrivacyRequest, SentEmail, SessionSeat, Ticket, TicketStatus

TICKET_FIELDS = (
    "attendee_name",
    "email",
    "phone",
    "organisation",
    "job_title",
    "note_for_staff",
    "search_text",
)


def _iso(value):
    return value.isoformat() if value else None


def attendee_cutoff(now):
    """Events that ended before this have had their attendees' details kept long enough."""
    return months_before(now, settings.PRIVACY_RETAIN_ATTENDEES_MONTHS)


def _export_order(person):
    return [
        {
            "reference": order.reference,
            "event": order.event.title,
            "email": order.email,
            "language": order.language,
            "status": order.status,
            "total_vnd": order.total,
            "refunded_vnd": order.refunded_amount,
            "created_at": _iso(order.created_at),
            "confirmed_at": _iso(order.confirmed_at),
            "paid_at": _iso(order.paid_at),
            "share_with_exhibitors": order.share_with_exhibitors,
            "erased_at": _iso(order.erased_at),
        }
        for order in Order.objects.filter(pk=person.order_id).select_related("event")
    ]


def _erase_orders(queryset, now, why):
    changed = queryset.update(email="", share_with_exhibitors=False)
    queryset.filter(erased_at__isnull=True).update(erased_at=now)
    return changed


def _export_tickets(person):
    tickets = Ticket.objects.filter(pk__in=person.ticket_ids).select_related("ticket_type")
    return [
        {
            "ticket_type": t.ticket_type.name,
            "attendee_name": t.attendee_name,
            "email": t.email,
            "phone": t.phone,
            "organisation": t.organisation,
            "job_title": t.job_title,
            "category": t.category,
            "status": t.status,
            "share_with_exhibitors": t.share_with_exhibitors,
        }
        for t in tickets.order_by("pk")
    ]


def _erase_tickets(queryset, now, why):
    values = dict.fromkeys(TICKET_FIELDS, "")
    if why == ERASED_BY_REQUEST:
        # The person asked: their tickets are void. Retention keeps the status (attendance statistics).
        values["status"] = TicketStatus.CANCELLED
    return queryset.update(share_with_exhibitors=False, **values)


def _export_seats(person):
    seats = SessionSeat.objects.filter(ticket_id__in=person.ticket_ids).select_related("session")
    return [
        {"session": seat.session.title, "status": seat.status, "since": _iso(seat.created_at)}
        for seat in seats.order_by("session__starts_at", "pk")
    ]


def _erase_seats(queryset, now, why):
    # A cancelled order's seats are already gone; an expired hold keeps them until now.
    deleted, _by_model = queryset.delete()
    return deleted


def _export_consents(person):
    return [
        {
            "purpose": c.purpose,
            "policy_version": c.policy_version,
            "given_at": _iso(c.given_at),
            "withdrawn_at": _iso(c.withdrawn_at),
        }
        for c in Consent.objects.filter(order_id=person.order_id)
    ]


def _withdraw_consents(queryset, now, why):
    return queryset.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)


def _export_emails(person):
    return [
        {"kind": e.kind, "to": e.to, "subject": e.subject, "sent_at": _iso(e.sent_at)}
        for e in SentEmail.objects.filter(order_id=person.order_id).order_by("sent_at", "pk")
    ]


def _export_requests(person):
    return [
        {
            "request": r.kind,
            "received_by": r.channel,
            "received_at": _iso(r.received_at),
            "answered_at": _iso(r.completed_at),
        }
        for r in PrivacyRequest.objects.filter(order_id=person.order_id).order_by("received_at", "pk")
    ]


def _export_transfers(person):
    return [
        {"transferred_at": _iso(t.transferred_at), "amount": t.amount, "note": t.content, "status": t.status}
        for t in BankTransfer.objects.filter(order_id=person.order_id).order_by("transferred_at", "pk")
    ]


def register():
    personal_data.register(
        "registration.Order",
        section="order",
        title=_("Your registration"),
        fields=("email",),
        rows=lambda person: Order.objects.filter(pk=person.order_id),
        export=_export_order,
        expired=lambda now: Order.objects.filter(
            erased_at__isnull=True, event__ends_at__lt=attendee_cutoff(now)
        ),
        erase=_erase_orders,
        kept=_(
            "The order's reference, date, amount paid and refunds, without your name or e-mail: "
            "accounting law requires us to keep payment records."
        ),
    )
    personal_data.register(
        "registration.Ticket",
        section="tickets",
        title=_("Tickets"),
        fields=TICKET_FIELDS,
        rows=lambda person: Ticket.objects.filter(pk__in=person.ticket_ids),
        export=_export_tickets,
        expired=lambda now: Ticket.objects.filter(
            any_filled(TICKET_FIELDS), ticket_type__event__ends_at__lt=attendee_cutoff(now)
        ),
        erase=_erase_tickets,
        kept=_("The number of tickets and their type, without names: for the event's statistics."),
    )
    personal_data.register(
        "registration.SessionSeat",
        section="workshops",
        title=_("Workshop seats"),
        fields=(),
        rows=lambda person: SessionSeat.objects.filter(ticket_id__in=person.ticket_ids),
        export=_export_seats,
        # Seats hold no personal field: once the ticket is anonymised they are only counts.
        expired=lambda now: SessionSeat.objects.none(),
        erase=_erase_seats,
    )
    personal_data.register(
        "registration.Consent",
        section="consents",
        title=_("Consents"),
        fields=(),
        rows=lambda person: Consent.objects.filter(order_id=person.order_id),
        export=_export_consents,
        # Kept as proof of what was agreed, under which notice and when; they name nobody.
        expired=lambda now: Consent.objects.none(),
        erase=_withdraw_consents,
        kept=_("Your consents, marked withdrawn: the proof of what you agreed to and when."),
    )
    personal_data.register(
        "registration.SentEmail",
        section="emails",
        title=_("E-mails we sent you"),
        fields=("to", "subject"),
        rows=lambda person: SentEmail.objects.filter(order_id=person.order_id),
        export=_export_emails,
        expired=lambda now: SentEmail.objects.filter(
            any_filled(("to", "subject")), order__event__ends_at__lt=attendee_cutoff(now)
        ),
    )
    personal_data.register(
        "registration.PrivacyRequest",
        section="requests",
        title=_("Your requests about your data"),
        fields=(),
        rows=lambda person: PrivacyRequest.objects.filter(order_id=person.order_id),
        export=_export_requests,
        # Kept as proof that each request was answered in time; it names nobody.
        expired=lambda now: PrivacyRequest.objects.none(),
        erase=lambda queryset, now, why: 0,
        kept=_("The record of your request, without personal details: proof that we answered it in time."),
    )
    personal_data.register(
        "registration.BankTransfer",
        section="bank_transfers",
        title=_("Your bank transfers"),
        # A transfer's note often carries the payer's name as the bank wrote it.
        fields=("content",),
        rows=lambda person: BankTransfer.objects.filter(order_id=person.order_id),
        export=_export_transfers,
        expired=lambda now: BankTransfer.objects.filter(
            any_filled(("content",)), order__event__ends_at__lt=attendee_cutoff(now)
        ),
        kept=_(
            "Each bank transfer's date, amount and the bank's transaction id, without its note: "
            "accounting law requires us to keep payment records."
        ),
    )
    personal_data.exempt(
        "registration.BankRefund",
        _("A refund's amount, date and bank transaction id, without personal details: an accounting record."),
    )
