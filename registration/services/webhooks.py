"""Stripe's webhook events: each applied at most once, dispatched by what was paid for.

Other apps (exhibitors' booth fees) register a handler for the sessions whose `metadata.kind` is
theirs, and for refunds of payments that are not ticket orders: handler(event_type, obj) -> outcome.
"""

from django.db import IntegrityError, transaction

from .. import payments
from ..models import StripeEvent
from .checkout import apply_failed_session, apply_paid_session
from .refunds import apply_refund

SESSION_EVENTS = {
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
}
PAID_EVENTS = {"checkout.session.completed", "checkout.session.async_payment_succeeded"}

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
        session = payments.CheckoutSession.from_stripe(obj)
        kind = session.metadata.get("kind", "order")
        if kind == "order":
            outcome = _apply_order_session(event_type, session)
        elif kind in WEBHOOK_HANDLERS:
            outcome = WEBHOOK_HANDLERS[kind](event_type, session)
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


def _apply_order_session(event_type, session) -> str:
    if event_type in PAID_EVENTS:
        return apply_paid_session(session) if session.is_paid else "awaiting_async_payment"
    if event_type == "checkout.session.async_payment_failed":
        return apply_failed_session(session, reason="payment_failed")
    return apply_failed_session(session)
