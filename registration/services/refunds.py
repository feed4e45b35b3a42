"""Money back: how much a cancellation refunds, refunding through Stripe, and refunds made in Stripe."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .. import payments
from ..bank_details import PAYING
from ..models import Order, OrderStatus, TransferStatus
from .common import audit, lock_order, rules_for
from .emails import queue_email
from .release import release


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


def refund_payment(order, *, idempotency_key, amount=None, payment_intent=None) -> int:
    """Refund through Stripe all (or `amount` đồng) of the order's payment, or of another payment made
    for it (`payment_intent`: a second tab paid twice). Returns the amount refunded.

    Call with the order locked, so a second click cannot refund twice; the idempotency key makes a
    retried request harmless. Only the order's own payment counts in its `refunded_amount`.
    """
    intent = payment_intent or order.stripe_payment_intent
    result = payments.refund(
        intent, amount=amount, metadata={"reference": order.reference}, idempotency_key=idempotency_key
    )
    if intent == order.stripe_payment_intent:
        order.refunded_amount += result.amount
        order.save(update_fields=["refunded_amount"])
    return result.amount


def owe_bank_refund(order, amount) -> None:
    """A cancelled order paid by bank transfer: the money to give back goes on its transfers' "to refund",
    for the organiser to transfer and record (`record_bank_refund`). Call with the order locked."""
    for transfer in order.bank_transfers.select_for_update().filter(status__in=PAYING).order_by("-pk"):
        share = min(amount, transfer.amount - transfer.refund_due)
        if share <= 0:
            continue
        transfer.refund_due += share
        transfer.refund_due_for_order += share
        transfer.status = TransferStatus.REFUND_DUE
        transfer.save(update_fields=["refund_due", "refund_due_for_order", "status"])
        amount -= share
        if amount == 0:
            break


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
        order = lock_order(order)
        refunded = int(charge.get("amount_refunded") or 0)
        if refunded <= order.refunded_amount and order.status != OrderStatus.CONFIRMED:
            return "already_applied"
        order.refunded_amount = max(order.refunded_amount, refunded)
        order.save(update_fields=["refunded_amount", "updated_at"])
        if order.refunded_amount >= order.total and order.status == OrderStatus.CONFIRMED:
            release(order, OrderStatus.REFUNDED, now)
            audit(order, "registration.order_refunded_in_stripe", amount=refunded)
            queue_email(order, "cancelled", refunded=refunded)
            return "refunded"
        audit(order, "registration.partial_refund_recorded", amount=refunded)
    return "recorded"
