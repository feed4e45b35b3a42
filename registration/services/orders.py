"""An order's life at its core: placed (holding its places), confirmed, cancelled; walk-ins at the door.

Each function owns its transaction, locks the rows whose state or capacity it changes, writes an
audit entry, and sends e-mail only after commit.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import payments
from ..models import (
    HOLDING_STATES,
    BankAccount,
    Consent,
    ConsentPurpose,
    Order,
    OrderStatus,
    PaymentMethod,
    SeatStatus,
    SessionSeat,
    Ticket,
    TicketType,
)
from .capacity import (
    check_no_overlap,
    check_places,
    lock_sessions,
    lock_types,
    revalidate_capacity,
    seats_taken,
    signup_sessions,
    tickets_used,
    with_used_counts,
)
from .common import RegistrationError, audit, lock_order, rules_for
from .emails import queue_email
from .expiry import close_checkout_session, expire
from .refunds import owe_bank_refund, refund_amount_for, refund_payment
from .release import release


@dataclass
class AttendeeData:
    ticket_type: TicketType
    name: str
    email: str
    phone: str = ""
    organisation: str = ""
    job_title: str = ""
    category: str = "citizen"
    session_ids: list[int] = field(default_factory=list)


def place_order(
    *,
    event,
    email,
    attendees: list[AttendeeData],
    consent: bool,
    share_with_exhibitors: bool = False,
    language: str = "vi",
    access_token: str | None = None,
    now=None,
    walk_in=False,
    user=None,
) -> Order:
    """Create an order holding its places: free → waits for the e-mail link, paid → waits for payment.

    Raises RegistrationError: consent_required, closed, not_on_sale, hidden, too_many, too_few,
    sold_out, wrong_session, overlap, payments_not_configured.
    """
    now = now or timezone.now()
    event = event.source_event
    if not consent:
        raise RegistrationError(
            _("Please agree to the processing of your personal data to register."), "consent_required"
        )
    if not attendees:
        raise RegistrationError(_("Choose at least one ticket."), "too_few")
    if not walk_in and not event.registration_is_open:
        raise RegistrationError(_("Registration for this event is closed."), "closed")

    quantities = Counter(a.ticket_type.pk for a in attendees)
    all_session_ids = {sid for a in attendees for sid in a.session_ids}
    available_sessions = (
        {s.pk: s for s in signup_sessions(event).filter(pk__in=all_session_ids)} if all_session_ids else {}
    )
    for attendee in attendees:
        if any(sid not in available_sessions for sid in attendee.session_ids):
            raise RegistrationError(_("That workshop is not part of this event."), "wrong_session")
        check_no_overlap([available_sessions[sid] for sid in attendee.session_ids])

    rules = rules_for(event)
    # When registration opens, most attempts after the last place are refusals: answer them at once
    # instead of queueing them for the ticket types' lock. Only a refusal is decided here; the same
    # check under the lock decides every order that is placed.
    for ticket_type in with_used_counts(
        TicketType.objects.filter(pk__in=quantities, event=event, is_hidden=False, capacity__isnull=False),
        now,
    ):
        check_places(ticket_type, quantities[ticket_type.pk], ticket_type.capacity - ticket_type.used)
    with transaction.atomic():
        # The rules read from the types need no lock; only the count of places does (below).
        types = {t.pk: t for t in TicketType.objects.filter(pk__in=quantities)}
        total = 0
        for type_id, quantity in quantities.items():
            ticket_type = types.get(type_id)
            if ticket_type is None or ticket_type.event_id != event.pk:
                raise RegistrationError(_("That ticket type is not sold for this event."), "not_on_sale")
            if not walk_in:
                _check_sale_rules(ticket_type, quantity, access_token, now)
            total += ticket_type.price * quantity

        if walk_in:
            status, expires_at = OrderStatus.CONFIRMED, None
        elif total > 0 and not any(types[t].requires_approval for t in quantities):
            status, expires_at = OrderStatus.PENDING_PAYMENT, now + dt.timedelta(minutes=rules.hold_minutes)
        else:
            status, expires_at = OrderStatus.PENDING_EMAIL, now + dt.timedelta(minutes=rules.hold_minutes)
        order = Order.objects.create(
            event=event,
            email=email.strip(),
            language=language if language in dict(settings.LANGUAGES) else "vi",
            status=status,
            total=total,
            expires_at=expires_at,
            created_at=now,
            confirmed_at=now if walk_in else None,
            consent_given_at=now,
            consent_policy_version=settings.PRIVACY_POLICY_VERSION,
            share_with_exhibitors=share_with_exhibitors,
            share_consent_at=now if share_with_exhibitors else None,
            walk_in=walk_in,
        )
        purposes = [ConsentPurpose.PROCESSING]
        if share_with_exhibitors:
            purposes.append(ConsentPurpose.SHARE_WITH_EXHIBITORS)
        for purpose in purposes:
            Consent.objects.create(
                order=order, purpose=purpose, policy_version=settings.PRIVACY_POLICY_VERSION, given_at=now
            )
        tickets = [
            (
                attendee,
                Ticket.objects.create(
                    order=order,
                    ticket_type=types[attendee.ticket_type.pk],
                    attendee_name=attendee.name.strip(),
                    email=(attendee.email or email).strip(),
                    phone=attendee.phone,
                    organisation=attendee.organisation.strip(),
                    job_title=attendee.job_title.strip(),
                    category=attendee.category,
                    share_with_exhibitors=share_with_exhibitors,
                    price=types[attendee.ticket_type.pk].price,
                    created_at=now,
                ),
            )
            for attendee in attendees
        ]
        audit(order, "registration.order_placed", user, status=status, tickets=len(attendees), total=total)
        # The places, last: everything above ran in parallel with other orders, and the lock is held
        # only for the count and the commit (the rush of registration opening queues here). The count
        # includes this order's own tickets; another order's become visible when it commits.
        locked = lock_types(quantities)
        for type_id, quantity in quantities.items():
            ticket_type = locked[type_id]
            if ticket_type.capacity is not None:
                others = tickets_used(ticket_type, now) - quantity
                check_places(ticket_type, quantity, ticket_type.capacity - others)
        sessions = lock_sessions(all_session_ids)
        taken = {sid: seats_taken(s, now) for sid, s in sessions.items()}
        for attendee, ticket in tickets:
            for sid in attendee.session_ids:
                session = sessions[sid]
                free = session.capacity is None or taken[sid] < session.capacity
                SessionSeat.objects.create(
                    ticket=ticket,
                    session=session,
                    status=SeatStatus.CONFIRMED if free else SeatStatus.WAITING,
                    created_at=now,
                )
                if free:
                    taken[sid] += 1
        if status == OrderStatus.PENDING_EMAIL:
            queue_email(order, "confirm_email")
        elif status == OrderStatus.CONFIRMED:
            queue_email(order, "confirmation")
    return order


def _check_sale_rules(ticket_type, quantity, access_token, now):
    """What an attendee (not an organiser at the door) may buy: visible, on sale, in the limit, payable."""
    if ticket_type.is_hidden and access_token != ticket_type.access_token:
        raise RegistrationError(_("This ticket type needs a valid invitation link."), "hidden")
    if not ticket_type.on_sale(now):
        raise RegistrationError(
            _("“%(name)s” is not on sale at the moment.") % {"name": ticket_type.name}, "not_on_sale"
        )
    if quantity > ticket_type.max_per_order:
        raise RegistrationError(
            _("At most %(max)s tickets of “%(name)s” per order.")
            % {"max": ticket_type.max_per_order, "name": ticket_type.name},
            "too_many",
        )
    if ticket_type.price and not (payments.is_configured() or BankAccount.for_event(ticket_type.event_id)):
        raise RegistrationError(_("Online payment is not configured yet."), "payments_not_configured")


def walk_in(
    *, event, ticket_type, name, email="", phone="", organisation="", category="citizen", user=None
) -> Order:
    """An organiser registers someone at the door: confirmed at once (capacity still applies)."""
    attendee = AttendeeData(
        ticket_type=ticket_type,
        name=name,
        email=email,
        phone=phone,
        organisation=organisation,
        category=category,
    )
    return place_order(
        event=event, email=email, attendees=[attendee], consent=True, walk_in=True, user=user, language="vi"
    )


def confirm(order, now, user=None, action="registration.order_confirmed"):
    """Confirm a locked order: its places are final and the tickets go out by e-mail."""
    order.status = OrderStatus.CONFIRMED
    order.confirmed_at = now
    order.expires_at = None
    order.save(update_fields=["status", "confirmed_at", "expires_at", "updated_at"])
    audit(order, action, user)
    queue_email(order, "confirmation")


def confirm_email(order, now=None) -> Order:
    """The attendee clicked the link in the e-mail: confirm (or pass to approval). Repeat clicks are harmless."""
    now = now or timezone.now()
    with transaction.atomic():
        order = lock_order(order)
        if order.status != OrderStatus.PENDING_EMAIL and not (
            order.status == OrderStatus.EXPIRED and order.paid_at is None and order.total == 0
        ):
            if order.status in (
                OrderStatus.CONFIRMED,
                OrderStatus.PENDING_APPROVAL,
                OrderStatus.PENDING_PAYMENT,
            ):
                return order
            raise RegistrationError(_("This registration was cancelled."), "invalid_state")
        if order.expires_at and order.expires_at <= now or order.status == OrderStatus.EXPIRED:
            # The hold ran out: confirm anyway if the places are still free.
            if not revalidate_capacity(order, now):
                if order.status != OrderStatus.EXPIRED:
                    expire(order, now)
                raise RegistrationError(
                    _("This link has expired and the places were taken meanwhile. Please register again."),
                    "expired",
                )
        if order.tickets.filter(ticket_type__requires_approval=True).exists():
            order.status = OrderStatus.PENDING_APPROVAL
            order.expires_at = None
            order.save(update_fields=["status", "expires_at", "updated_at"])
            audit(order, "registration.email_confirmed")
            queue_email(order, "awaiting_approval")
            return order
        if order.total > 0:
            # Should not happen (paid orders go straight to payment), but never confirm unpaid.
            order.status = OrderStatus.PENDING_PAYMENT
            order.expires_at = now + dt.timedelta(minutes=rules_for(order.event).hold_minutes)
            order.save(update_fields=["status", "expires_at", "updated_at"])
            return order
        confirm(order, now)
    return order


def cancel_order(order, user=None, now=None, by_organiser=False, refund=True) -> Order:
    """Cancel an order (attendee or organiser), refunding by the event's rule through Stripe."""
    now = now or timezone.now()
    with transaction.atomic():
        order = lock_order(order)
        if order.status not in (OrderStatus.CONFIRMED, *HOLDING_STATES):
            raise RegistrationError(_("This registration is already cancelled."), "invalid_state")
        amount = refund_amount_for(order, now, by_organiser) if refund else 0
        if amount and order.payment_method == PaymentMethod.BANK:
            owe_bank_refund(order, amount)
        elif amount and not payments.is_configured():
            raise RegistrationError(
                _(
                    "Online payment is not configured, so the refund cannot be made here: please contact the organisers."
                ),
                "payments_not_configured",
            )
        if amount and order.stripe_payment_intent:
            refund_payment(
                order, amount=amount, idempotency_key=f"cancel-{order.reference}-{order.refunded_amount}"
            )
        session_id = order.stripe_session_id if order.status == OrderStatus.PENDING_PAYMENT else ""
        release(order, OrderStatus.REFUNDED if amount else OrderStatus.CANCELLED, now)
        audit(order, "registration.order_cancelled", user, refunded=amount, by_organiser=by_organiser)
        queue_email(order, "cancelled", refunded=amount)
    close_checkout_session(session_id)
    return order
