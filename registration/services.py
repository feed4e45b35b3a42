"""Every state change of registration: orders, tickets, workshop seats, payments, personal data.

Each function owns its transaction, locks the rows whose state or capacity it changes
(`select_for_update`, always in primary-key order so two transactions never deadlock), writes an
audit entry, and sends e-mail only after commit. Domain errors carry a machine code.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from core.tasks import enqueue

from . import payments
from .models import (
    HOLDING_STATES,
    PRIVACY_POLICY_VERSION,
    Consent,
    ConsentPurpose,
    Order,
    OrderStatus,
    RegistrationSettings,
    SeatStatus,
    SentEmail,
    SessionSeat,
    StripeEvent,
    Ticket,
    TicketStatus,
    TicketType,
    live_order_q,
)

logger = logging.getLogger(__name__)


class RegistrationError(Exception):
    """A refusal the attendee or organiser can act on; `code` is stable, the message is translated."""

    def __init__(self, message, code):
        super().__init__(str(message))
        self.message = message
        self.code = code


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


# --- small helpers ----------------------------------------------------------------------------


def rules_for(event) -> RegistrationSettings:
    """The event's registration rules (defaults when the organiser set none)."""
    event = getattr(event, "source_event", event)
    found = RegistrationSettings.objects.filter(event=event).first()
    return found or RegistrationSettings(event=event)


def _queue_email(order, kind, **extra):
    from .tasks import send_order_email

    enqueue(send_order_email, order.pk, kind, extra)


def _audit(instance, action, user=None, **data):
    log(instance=instance, action=action, user=user, data=data or None)


def tickets_used(ticket_type, now=None, exclude_order=None):
    """Places of a ticket type taken by confirmed orders and by holds that have not run out."""
    qs = Ticket.objects.filter(ticket_type=ticket_type, status=TicketStatus.VALID).filter(
        live_order_q("order__", now)
    )
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
    from django.db.models import Count, Q

    now = now or timezone.now()
    live = Q(tickets__order__status=OrderStatus.CONFIRMED) | (
        Q(tickets__order__status__in=HOLDING_STATES)
        & (Q(tickets__order__expires_at__isnull=True) | Q(tickets__order__expires_at__gt=now))
    )
    return queryset.annotate(used=Count("tickets", filter=Q(tickets__status=TicketStatus.VALID) & live))


def with_seat_counts(queryset, now=None):
    """Sessions annotated with `taken`: confirmed seats of valid tickets in live orders (one query)."""
    from django.db.models import Count, Q

    now = now or timezone.now()
    live = Q(seats__ticket__order__status=OrderStatus.CONFIRMED) | (
        Q(seats__ticket__order__status__in=HOLDING_STATES)
        & (Q(seats__ticket__order__expires_at__isnull=True) | Q(seats__ticket__order__expires_at__gt=now))
    )
    return queryset.annotate(
        taken=Count(
            "seats",
            filter=Q(seats__status=SeatStatus.CONFIRMED, seats__ticket__status=TicketStatus.VALID) & live,
        )
    )


def _check_places(ticket_type, quantity, remaining):
    if quantity > remaining:
        raise RegistrationError(
            _("“%(name)s” is sold out.") % {"name": ticket_type.name}
            if remaining <= 0
            else _("Only %(n)s places of “%(name)s” are left.") % {"n": remaining, "name": ticket_type.name},
            "sold_out",
        )


def _lock_types(type_ids):
    """Lock ticket types while their places are counted. FOR NO KEY UPDATE on PostgreSQL: it still
    serialises the counts, but does not wait for (or deadlock with) the key-share locks that
    inserting a ticket takes on its type."""
    return {
        t.pk: t
        for t in TicketType.objects.select_for_update(no_key=True)
        .filter(pk__in=sorted(set(type_ids)))
        .order_by("pk")
    }


def _lock_sessions(session_ids):
    from events.models import Session

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
    from events.models import Session

    return Session.objects.filter(event=getattr(event, "source_event", event), requires_signup=True).order_by(
        "starts_at", "id"
    )


# --- placing an order ---------------------------------------------------------------------------


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
        _check_places(ticket_type, quantities[ticket_type.pk], ticket_type.capacity - ticket_type.used)
    with transaction.atomic():
        # The rules read from the types need no lock; only the count of places does (below).
        types = {t.pk: t for t in TicketType.objects.filter(pk__in=quantities)}
        total = 0
        for type_id, quantity in quantities.items():
            ticket_type = types.get(type_id)
            if ticket_type is None or ticket_type.event_id != event.pk:
                raise RegistrationError(_("That ticket type is not sold for this event."), "not_on_sale")
            if not walk_in:
                if ticket_type.is_hidden and access_token != ticket_type.access_token:
                    raise RegistrationError(_("This ticket type needs a valid invitation link."), "hidden")
                if not ticket_type.on_sale(now):
                    raise RegistrationError(
                        _("“%(name)s” is not on sale at the moment.") % {"name": ticket_type.name},
                        "not_on_sale",
                    )
                if quantity > ticket_type.max_per_order:
                    raise RegistrationError(
                        _("At most %(max)s tickets of “%(name)s” per order.")
                        % {"max": ticket_type.max_per_order, "name": ticket_type.name},
                        "too_many",
                    )
                if ticket_type.price and not payments.is_configured():
                    raise RegistrationError(
                        _("Online payment is not configured yet."), "payments_not_configured"
                    )
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
            consent_policy_version=PRIVACY_POLICY_VERSION,
            share_with_exhibitors=share_with_exhibitors,
            share_consent_at=now if share_with_exhibitors else None,
            walk_in=walk_in,
        )
        Consent.objects.create(
            order=order,
            purpose=ConsentPurpose.PROCESSING,
            policy_version=PRIVACY_POLICY_VERSION,
            given_at=now,
        )
        if share_with_exhibitors:
            Consent.objects.create(
                order=order,
                purpose=ConsentPurpose.SHARE_WITH_EXHIBITORS,
                policy_version=PRIVACY_POLICY_VERSION,
                given_at=now,
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
        _audit(order, "registration.order_placed", user, status=status, tickets=len(attendees), total=total)
        # The places, last: everything above ran in parallel with other orders, and the lock is held
        # only for the count and the commit (the rush of registration opening queues here). The count
        # includes this order's own tickets; another order's become visible when it commits.
        locked = _lock_types(quantities)
        for type_id, quantity in quantities.items():
            ticket_type = locked[type_id]
            if ticket_type.capacity is not None:
                others = tickets_used(ticket_type, now) - quantity
                _check_places(ticket_type, quantity, ticket_type.capacity - others)
        sessions = _lock_sessions(all_session_ids)
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
            _queue_email(order, "confirm_email")
        elif status == OrderStatus.CONFIRMED:
            _queue_email(order, "confirmation")
    return order


def _requires_approval(order):
    return order.tickets.filter(ticket_type__requires_approval=True).exists()


def _lock_order(order_or_pk) -> Order:
    pk = order_or_pk.pk if isinstance(order_or_pk, Order) else order_or_pk
    return Order.objects.select_for_update().select_related("event").get(pk=pk)


def _revalidate_capacity(order, now) -> bool:
    """After a hold ran out: do this order's tickets still fit? (Locks the ticket types first.)"""
    tickets = list(order.tickets.filter(status=TicketStatus.VALID).select_related("ticket_type"))
    types = _lock_types([t.ticket_type_id for t in tickets])
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
    sessions = _lock_sessions([s.session_id for s in seats])
    for seat in seats:
        session = sessions[seat.session_id]
        if (
            session.capacity is not None
            and seats_taken(session, now, exclude_order=order) >= session.capacity
        ):
            seat.status = SeatStatus.WAITING
            seat.save(update_fields=["status"])
    return True


def _confirm(order, now, user=None, action="registration.order_confirmed"):
    order.status = OrderStatus.CONFIRMED
    order.confirmed_at = now
    order.expires_at = None
    order.save(update_fields=["status", "confirmed_at", "expires_at", "updated_at"])
    _audit(order, action, user)
    _queue_email(order, "confirmation")


def confirm_email(order, now=None) -> Order:
    """The attendee clicked the link in the e-mail: confirm (or pass to approval). Repeat clicks are harmless."""
    now = now or timezone.now()
    with transaction.atomic():
        order = _lock_order(order)
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
            if not _revalidate_capacity(order, now):
                if order.status != OrderStatus.EXPIRED:
                    _expire(order, now)
                raise RegistrationError(
                    _("This link has expired and the places were taken meanwhile. Please register again."),
                    "expired",
                )
        if _requires_approval(order):
            order.status = OrderStatus.PENDING_APPROVAL
            order.expires_at = None
            order.save(update_fields=["status", "expires_at", "updated_at"])
            _audit(order, "registration.email_confirmed")
            _queue_email(order, "awaiting_approval")
            return order
        if order.total > 0:
            # Should not happen (paid orders go straight to payment), but never confirm unpaid.
            order.status = OrderStatus.PENDING_PAYMENT
            order.expires_at = now + dt.timedelta(minutes=rules_for(order.event).hold_minutes)
            order.save(update_fields=["status", "expires_at", "updated_at"])
            return order
        _confirm(order, now)
    return order


def approve_order(order, user=None, now=None) -> Order:
    now = now or timezone.now()
    with transaction.atomic():
        order = _lock_order(order)
        if order.status != OrderStatus.PENDING_APPROVAL:
            raise RegistrationError(_("Only orders waiting for approval can be approved."), "invalid_state")
        if order.total > 0:
            order.status = OrderStatus.PENDING_PAYMENT
            # A longer hold: the attendee learns of the approval by e-mail.
            order.expires_at = now + dt.timedelta(days=3)
            order.save(update_fields=["status", "expires_at", "updated_at"])
            _audit(order, "registration.order_approved", user)
            _queue_email(order, "approved_pay")
        else:
            _confirm(order, now, user, action="registration.order_approved")
    return order


def reject_order(order, user=None, now=None) -> Order:
    now = now or timezone.now()
    with transaction.atomic():
        order = _lock_order(order)
        if order.status != OrderStatus.PENDING_APPROVAL:
            raise RegistrationError(_("Only orders waiting for approval can be rejected."), "invalid_state")
        _release(order, OrderStatus.CANCELLED, now)
        _audit(order, "registration.order_rejected", user)
        _queue_email(order, "rejected")
    return order


# --- releasing places -----------------------------------------------------------------------------


def _release(order, status, now):
    """Set a final status, void the tickets and free their workshop seats (promoting the waiting list)."""
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


def _expire(order, now):
    _release(order, OrderStatus.EXPIRED, now)
    _audit(order, "registration.order_expired")


def expire_order(order, now=None, force=False) -> bool:
    """Release a pending order's hold once it has run out (or at once with `force`, e.g. Stripe expired it)."""
    now = now or timezone.now()
    with transaction.atomic():
        order = _lock_order(order)
        if order.status not in (OrderStatus.PENDING_EMAIL, OrderStatus.PENDING_PAYMENT):
            return False
        if not force and (order.expires_at is None or order.expires_at > now):
            return False
        _expire(order, now)
        session_id = order.stripe_session_id
    if session_id and payments.is_configured():
        try:
            payments.expire_checkout_session(session_id)
        except payments.PaymentError:
            logger.warning("could not expire Checkout Session %s", session_id)
    return True


def expire_orders(now=None) -> int:
    """Release every hold that has run out (run by Celery beat or `manage.py expire_orders`)."""
    now = now or timezone.now()
    ids = list(
        Order.objects.filter(
            status__in=(OrderStatus.PENDING_EMAIL, OrderStatus.PENDING_PAYMENT), expires_at__lte=now
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(1 for pk in ids if expire_order(pk, now))


def promote_waiting_list(session_id, now=None) -> list[SessionSeat]:
    """Give free seats of a workshop to the longest-waiting confirmed attendees, and tell them."""
    from events.models import Session

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
            _audit(seat.ticket.order, "registration.seat_promoted", session=session.pk, ticket=seat.ticket_id)
            _queue_email(seat.ticket.order, "promoted", session_id=session.pk, ticket_id=seat.ticket_id)
            promoted.append(seat)
    return promoted


# --- attendee self-service ----------------------------------------------------------------------


def change_workshops(ticket, session_ids, user=None, now=None) -> Ticket:
    """Replace a ticket's workshop choices; full workshops put the attendee on the waiting list."""
    now = now or timezone.now()
    session_ids = {int(s) for s in session_ids}
    with transaction.atomic():
        order = _lock_order(ticket.order_id)
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
        sessions = _lock_sessions(removed | added)
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
        _audit(
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


def refund_amount_for(order, now=None, by_organiser=False) -> int:
    """What a cancellation refunds under the event's rule (organisers refund in full)."""
    now = now or timezone.now()
    if order.total == 0 or order.paid_at is None:
        return 0
    paid = order.total - order.refunded_amount
    if by_organiser:
        return paid
    rules = rules_for(order.event)
    if now > order.event.starts_at - dt.timedelta(days=rules.refund_until_days):
        return 0
    return paid * rules.refund_percent // 100


def cancel_order(order, user=None, now=None, by_organiser=False, refund=True) -> Order:
    """Cancel an order (attendee or organiser), refunding by the event's rule through Stripe."""
    now = now or timezone.now()
    with transaction.atomic():
        order = _lock_order(order)
        if order.status not in (OrderStatus.CONFIRMED, *HOLDING_STATES):
            raise RegistrationError(_("This registration is already cancelled."), "invalid_state")
        amount = refund_amount_for(order, now, by_organiser) if refund else 0
        if amount and not payments.is_configured():
            raise RegistrationError(
                _(
                    "Online payment is not configured, so the refund cannot be made here: please contact the organisers."
                ),
                "payments_not_configured",
            )
        if amount and order.stripe_payment_intent:
            # Inside the lock, so a second click cannot refund twice; the idempotency key guards retries.
            result = payments.refund(
                order.stripe_payment_intent,
                amount=amount,
                metadata={"reference": order.reference},
                idempotency_key=f"cancel-{order.reference}-{order.refunded_amount}",
            )
            order.refunded_amount += result.amount
            order.save(update_fields=["refunded_amount"])
        session_id = order.stripe_session_id if order.status == OrderStatus.PENDING_PAYMENT else ""
        _release(order, OrderStatus.REFUNDED if amount else OrderStatus.CANCELLED, now)
        _audit(order, "registration.order_cancelled", user, refunded=amount, by_organiser=by_organiser)
        _queue_email(order, "cancelled", refunded=amount)
    if session_id and payments.is_configured():
        try:
            payments.expire_checkout_session(session_id)
        except payments.PaymentError:
            logger.warning("could not expire Checkout Session %s", session_id)
    return order


def resend_confirmation(order, user=None) -> None:
    with transaction.atomic():
        order = _lock_order(order)
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
        _audit(order, "registration.email_resent", user, kind=kind)
        _queue_email(order, kind)


def rename_attendee(ticket, name, user=None) -> Ticket:
    name = (name or "").strip()
    if not name:
        raise RegistrationError(_("Enter the attendee's name."), "invalid")
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().select_related("order").get(pk=ticket.pk)
        ticket.attendee_name = name
        ticket.save(update_fields=["attendee_name"])
        _audit(ticket, "registration.attendee_renamed", user)
    return ticket


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
        order = _lock_order(order)
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
        _audit(order, "registration.personal_data_erased", user)
    return order


# --- payments -----------------------------------------------------------------------------------


def start_payment(order, *, success_url, cancel_url) -> str:
    """A Checkout Session for a pending paid order (reused while still open); returns its URL.

    Raises PaymentsNotConfigured, or PaymentError when Stripe cannot be reached (the hold stays).
    """
    order = Order.objects.select_related("event").get(pk=order.pk)
    if order.status != OrderStatus.PENDING_PAYMENT or order.total == 0:
        raise RegistrationError(_("This order is not waiting for payment."), "invalid_state")
    if order.expires_at and order.expires_at <= timezone.now():
        raise RegistrationError(
            _("The time to pay for this order has run out. Please register again."), "expired"
        )
    if order.stripe_session_id:
        existing = payments.retrieve_checkout_session(order.stripe_session_id)
        if existing.status == "open" and existing.url:
            return existing.url
    lines = Counter()
    names = {}
    for ticket in order.tickets.select_related("ticket_type"):
        lines[(ticket.ticket_type_id, ticket.price)] += 1
        names[ticket.ticket_type_id] = (
            ticket.ticket_type.name_vi if order.language == "vi" else ticket.ticket_type.name
        )
    items = [
        payments.LineItem(
            name=f"{names[type_id]} · {order.event.title}", unit_amount=price, quantity=quantity
        )
        for (type_id, price), quantity in lines.items()
        if price > 0
    ]
    session = payments.create_checkout_session(
        reference=order.reference,
        line_items=items,
        success_url=success_url,
        cancel_url=cancel_url,
        metadata={"kind": "order", "order_id": str(order.pk)},
        customer_email=order.email or None,
        expires_at=order.expires_at,
        locale=order.language,
    )
    with transaction.atomic():
        locked = _lock_order(order)
        locked.stripe_session_id = session.id
        # Stripe keeps a session open at least 30 minutes: hold the places as long as it can be paid.
        stripe_expiry = timezone.now() + payments.MIN_SESSION_LIFETIME
        if locked.expires_at and locked.expires_at < stripe_expiry:
            locked.expires_at = stripe_expiry
        locked.save(update_fields=["stripe_session_id", "expires_at", "updated_at"])
        _audit(locked, "registration.payment_started", session=session.id)
    return session.url


def apply_paid_session(session: payments.CheckoutSession, now=None) -> str:
    """A verified paid Checkout Session: confirm its order, or (places gone) refund it. Returns the outcome."""
    now = now or timezone.now()
    if not session.is_paid:
        return "not_paid"
    order = _order_for_session(session)
    if order is None:
        return "unknown_order"
    refund_after = None
    with transaction.atomic():
        order = _lock_order(order)
        if (
            order.stripe_payment_intent
            and order.stripe_payment_intent == session.payment_intent
            and order.paid_at
        ):
            return "already_applied"
        if order.status in (OrderStatus.CONFIRMED, OrderStatus.REFUNDED, OrderStatus.CANCELLED):
            if order.status == OrderStatus.CANCELLED or (
                order.stripe_payment_intent and order.stripe_payment_intent != session.payment_intent
            ):
                # Paid after cancelling, or a second payment for the same order (two tabs): give it back.
                refund_after = session.payment_intent
            else:
                return "already_applied"
        else:
            order.stripe_payment_intent = session.payment_intent or ""
            order.stripe_session_id = session.id
            order.paid_at = now
            order.save(update_fields=["stripe_payment_intent", "stripe_session_id", "paid_at", "updated_at"])
            _audit(order, "registration.payment_received", amount=session.amount_total)
            live_hold = order.status == OrderStatus.PENDING_PAYMENT and (
                order.expires_at is None or order.expires_at > now
            )
            # After the hold ran out, the order is confirmed only if its places are still free.
            if live_hold or _revalidate_capacity(order, now):
                _confirm(order, now)
                return "confirmed"
            # Paid, but the places went to someone else: refund automatically and say so.
            result = payments.refund(
                session.payment_intent,
                metadata={"reference": order.reference},
                idempotency_key=f"late-{session.id}",
            )
            order.refunded_amount = result.amount
            order.save(update_fields=["refunded_amount"])
            _release(order, OrderStatus.REFUNDED, now)
            _audit(order, "registration.late_payment_refunded", amount=result.amount)
            _queue_email(order, "late_payment_refunded")
            return "refunded_sold_out"
    if refund_after:
        payments.refund(
            refund_after, metadata={"reference": order.reference}, idempotency_key=f"dup-{session.id}"
        )
        _audit(order, "registration.duplicate_payment_refunded", payment_intent=refund_after)
        return "duplicate_refunded"
    return "noop"


def _order_for_session(session) -> Order | None:
    reference = session.metadata.get("reference") or session.client_reference_id
    order = Order.objects.filter(reference=reference).first() if reference else None
    if order is None:
        order = Order.objects.filter(stripe_session_id=session.id).first()
    return order


def apply_failed_session(session: payments.CheckoutSession, now=None, reason="expired") -> str:
    """A session expired or its delayed payment failed: release the hold if the order still waits on it."""
    now = now or timezone.now()
    order = _order_for_session(session)
    if order is None:
        return "unknown_order"
    with transaction.atomic():
        order = _lock_order(order)
        if order.status != OrderStatus.PENDING_PAYMENT or (
            order.stripe_session_id and order.stripe_session_id != session.id
        ):
            return "ignored"
        _expire(order, now)
        if reason == "payment_failed":
            _queue_email(order, "payment_failed")
    return "expired"


def apply_refund(charge: dict, now=None) -> str:
    """`charge.refunded`: record the refunded amount; a full refund made in Stripe cancels the order."""
    now = now or timezone.now()
    intent = charge.get("payment_intent")
    if isinstance(intent, dict):
        intent = intent.get("id")
    order = Order.objects.filter(stripe_payment_intent=intent).first() if intent else None
    if order is None:
        return "unknown_order"
    with transaction.atomic():
        order = _lock_order(order)
        refunded = int(charge.get("amount_refunded") or 0)
        if refunded <= order.refunded_amount and order.status != OrderStatus.CONFIRMED:
            return "already_applied"
        order.refunded_amount = max(order.refunded_amount, refunded)
        order.save(update_fields=["refunded_amount", "updated_at"])
        if order.refunded_amount >= order.total and order.status == OrderStatus.CONFIRMED:
            _release(order, OrderStatus.REFUNDED, now)
            _audit(order, "registration.order_refunded_in_stripe", amount=refunded)
            _queue_email(order, "cancelled", refunded=refunded)
            return "refunded"
        _audit(order, "registration.partial_refund_recorded", amount=refunded)
    return "recorded"


SESSION_EVENTS = {
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
}

# Other apps (exhibitors' booth fees) register a handler for sessions whose metadata kind is theirs:
# handler(event_type, CheckoutSession) -> outcome string.
WEBHOOK_HANDLERS: dict = {}


def register_webhook_handler(kind, handler):
    WEBHOOK_HANDLERS[kind] = handler


def handle_stripe_event(event: dict) -> str:
    """Apply one verified Stripe event at most once; unknown types are acknowledged and ignored.

    Raises payments.PaymentError (retryable) when Stripe must try again later; nothing is recorded then.
    """
    event_id, event_type = event["id"], event.get("type", "")
    obj = (event.get("data") or {}).get("object") or {}
    if StripeEvent.objects.filter(event_id=event_id).exists():
        return "duplicate"
    outcome = "ignored"
    if event_type in SESSION_EVENTS:
        # Never trust the body alone for money: re-fetch the session when Stripe is reachable.
        session = payments.CheckoutSession.from_stripe(obj)
        kind = session.metadata.get("kind", "order")
        if kind != "order" and kind in WEBHOOK_HANDLERS:
            outcome = WEBHOOK_HANDLERS[kind](event_type, session)
        elif kind == "order":
            if event_type in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
                outcome = apply_paid_session(session) if session.is_paid else "awaiting_async_payment"
            elif event_type == "checkout.session.async_payment_failed":
                outcome = apply_failed_session(session, reason="payment_failed")
            else:
                outcome = apply_failed_session(session)
    elif event_type == "charge.refunded":
        outcome = apply_refund(obj)
        if outcome == "unknown_order" and "charge.refunded" in WEBHOOK_HANDLERS:
            outcome = WEBHOOK_HANDLERS["charge.refunded"](event_type, obj)
    try:
        with transaction.atomic():
            StripeEvent.objects.create(
                event_id=event_id, type=event_type, object_id=obj.get("id", "")[:255], outcome=outcome
            )
    except IntegrityError:
        return "duplicate"
    return outcome


def reconcile_payments(now=None, log_line=print) -> Counter:
    """Re-fetch the Checkout Session of every order still waiting for payment (lost webhooks)."""
    now = now or timezone.now()
    outcomes = Counter()
    orders = Order.objects.filter(
        status__in=(OrderStatus.PENDING_PAYMENT, OrderStatus.EXPIRED), paid_at__isnull=True
    ).exclude(stripe_session_id="")
    # Expired orders only from the last two days: Stripe sessions live at most 24 hours.
    orders = orders.filter(created_at__gte=now - dt.timedelta(days=2))
    for order in orders.order_by("pk"):
        try:
            session = payments.retrieve_checkout_session(order.stripe_session_id)
        except payments.PaymentError as error:
            outcomes["error"] += 1
            log_line(f"{order.reference}: {error}")
            continue
        if session.is_paid:
            outcome = apply_paid_session(session, now)
        elif session.status == "expired" and order.status == OrderStatus.PENDING_PAYMENT:
            outcome = apply_failed_session(session, now)
        else:
            outcome = "unchanged"
        outcomes[outcome] += 1
        log_line(f"{order.reference}: {outcome}")
    return outcomes


def record_email(order, kind, to, subject):
    SentEmail.objects.create(order=order, kind=kind, to=to, subject=subject[:255])
