"""Catching up with Stripe when webhooks were lost: re-fetch every session an order still waits on."""

import datetime as dt
from collections import Counter

from django.utils import timezone

from .. import payments
from ..models import Order, OrderStatus
from .checkout import apply_failed_session, apply_paid_session

# Stripe keeps a Checkout Session at most 24 hours; older expired orders cannot be paid any more.
LOOK_BACK = dt.timedelta(days=2)


def reconcile_payments(now=None, log_line=print) -> Counter:
    """Re-fetch the Checkout Session of every order still waiting for payment (lost webhooks)."""
    now = now or timezone.now()
    outcomes = Counter()
    orders = Order.objects.filter(
        status__in=(OrderStatus.PENDING_PAYMENT, OrderStatus.EXPIRED),
        paid_at__isnull=True,
        created_at__gte=now - LOOK_BACK,
    ).exclude(stripe_session_id="")
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
