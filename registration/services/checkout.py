"""Paying an order through Stripe Checkout, and what a verified session means for the order.

Payment state changes only on verified evidence: a signed webhook or a session re-fetched from Stripe.
"""

from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import payments
from ..models import Order, OrderStatus, PaymentMethod
from .capacity import revalidate_capacity
from .common import RegistrationError, audit, lock_order
from .emails import queue_email
from .expiry import expire
from .orders import confirm
from .refunds import refund_payment
from .release import release


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
    session = payments.create_checkout_session(
        reference=order.reference,
        line_items=_line_items(order),
        success_url=success_url,
        cancel_url=cancel_url,
        metadata={"kind": "order", "order_id": str(order.pk)},
        customer_email=order.email or None,
        expires_at=order.expires_at,
        locale=order.language,
    )
    with transaction.atomic():
        locked = lock_order(order)
        locked.stripe_session_id = session.id
        # Stripe keeps a session open at least 30 minutes: hold the places as long as it can be paid.
        stripe_expiry = timezone.now() + payments.MIN_SESSION_LIFETIME
        if locked.expires_at and locked.expires_at < stripe_expiry:
            locked.expires_at = stripe_expiry
        locked.save(update_fields=["stripe_session_id", "expires_at", "updated_at"])
        audit(locked, "registration.payment_started", session=session.id)
    return session.url


def _line_items(order):
    """One line per ticket type and price, named in the order's language."""
    lines = Counter()
    names = {}
    for ticket in order.tickets.select_related("ticket_type"):
        lines[(ticket.ticket_type_id, ticket.price)] += 1
        names[ticket.ticket_type_id] = (
            ticket.ticket_type.name_vi if order.language == "vi" else ticket.ticket_type.name
        )
    return [
        payments.LineItem(
            name=f"{names[type_id]} · {order.event.title}", unit_amount=price, quantity=quantity
        )
        for (type_id, price), quantity in lines.items()
        if price > 0
    ]


def order_for_session(session) -> Order | None:
    reference = session.metadata.get("reference") or session.client_reference_id
    order = Order.objects.filter(reference=reference).first() if reference else None
    if order is None:
        order = Order.objects.filter(stripe_session_id=session.id).first()
    return order


def apply_paid_session(session: payments.CheckoutSession, now=None) -> str:
    """A verified paid Checkout Session: confirm its order, or (places gone) refund it. Returns the outcome."""
    now = now or timezone.now()
    if not session.is_paid:
        return "not_paid"
    order = order_for_session(session)
    if order is None:
        return "unknown_order"
    duplicate_payment = None
    with transaction.atomic():
        order = lock_order(order)
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
                duplicate_payment = session.payment_intent
            else:
                return "already_applied"
        else:
            order.stripe_payment_intent = session.payment_intent or ""
            order.stripe_session_id = session.id
            if settle_payment(order, now, amount=session.amount_total, method=PaymentMethod.CARD):
                return "confirmed"
            # Paid, but the places went to someone else: refund automatically and say so.
            amount = refund_payment(order, idempotency_key=f"late-{session.id}")
            release(order, OrderStatus.REFUNDED, now)
            audit(order, "registration.late_payment_refunded", amount=amount)
            queue_email(order, "late_payment_refunded")
            return "refunded_sold_out"
    if duplicate_payment:
        refund_payment(order, payment_intent=duplicate_payment, idempotency_key=f"dup-{session.id}")
        audit(order, "registration.duplicate_payment_refunded", payment_intent=duplicate_payment)
        return "duplicate_refunded"
    return "noop"


def settle_payment(order, now, *, amount, method, user=None) -> bool:
    """The one way an order becomes paid (card or bank transfer): record it, then confirm the order if
    its hold is live or, after the hold ran out, if its places are still free. False: paid, but the
    places went to someone else; the caller gives the money back its own way.

    Call with the order locked (`lock_order`), inside the caller's transaction.
    """
    order.paid_at = now
    order.payment_method = method
    order.save(
        update_fields=[
            "stripe_payment_intent",
            "stripe_session_id",
            "payment_method",
            "paid_at",
            "updated_at",
        ]
    )
    audit(order, "registration.payment_received", user, amount=amount, method=method)
    live_hold = order.status == OrderStatus.PENDING_PAYMENT and (
        order.expires_at is None or order.expires_at > now
    )
    if live_hold or revalidate_capacity(order, now):
        confirm(order, now, user)
        return True
    return False


def apply_failed_session(session: payments.CheckoutSession, now=None, reason="expired") -> str:
    """A session expired or its delayed payment failed: release the hold if the order still waits on it."""
    now = now or timezone.now()
    order = order_for_session(session)
    if order is None:
        return "unknown_order"
    with transaction.atomic():
        order = lock_order(order)
        if order.status != OrderStatus.PENDING_PAYMENT or (
            order.stripe_session_id and order.stripe_session_id != session.id
        ):
            return "ignored"
        expire(order, now)
        if reason == "payment_failed":
            queue_email(order, "payment_failed")
    return "expired"
