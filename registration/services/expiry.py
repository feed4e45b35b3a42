"""Holds that run out: an unconfirmed or unpaid order gives its places back."""

import logging

from django.db import transaction
from django.utils import timezone

from .. import payments
from ..models import Order, OrderStatus
from .common import audit, lock_order
from .release import release

logger = logging.getLogger(__name__)


def expire(order, now):
    """Release a locked order's hold (its tickets stay, so a late payment can revive it)."""
    release(order, OrderStatus.EXPIRED, now)
    audit(order, "registration.order_expired")


def close_checkout_session(session_id):
    """After commit: close the order's open Stripe session so nobody pays for a hold already released."""
    if not session_id or not payments.is_configured():
        return
    try:
        payments.expire_checkout_session(session_id)
    except payments.PaymentError:
        # Harmless if it stays open: a payment for a released hold is refunded or revived on arrival.
        logger.warning("could not expire Checkout Session %s", session_id)


def expire_order(order, now=None, force=False) -> bool:
    """Release a pending order's hold once it has run out (or at once with `force`, e.g. Stripe expired it)."""
    now = now or timezone.now()
    with transaction.atomic():
        order = lock_order(order)
        if order.status not in (OrderStatus.PENDING_EMAIL, OrderStatus.PENDING_PAYMENT):
            return False
        if not force and (order.expires_at is None or order.expires_at > now):
            return False
        expire(order, now)
        session_id = order.stripe_session_id
    close_checkout_session(session_id)
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
