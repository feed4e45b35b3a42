"""Orders that an organiser approves (VIP, press): approved → confirmed or sent to pay; rejected → released."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Order, OrderStatus
from .common import RegistrationError, audit, lock_order
from .emails import queue_email
from .orders import confirm
from .release import release

# The attendee learns of an approval by e-mail, so a paid order holds its places longer than a fresh one.
APPROVED_PAYMENT_HOLD = dt.timedelta(days=3)


def approve_order(order, user=None, now=None) -> Order:
    now = now or timezone.now()
    with transaction.atomic():
        order = lock_order(order)
        if order.status != OrderStatus.PENDING_APPROVAL:
            raise RegistrationError(_("Only orders waiting for approval can be approved."), "invalid_state")
        if order.total > 0:
            order.status = OrderStatus.PENDING_PAYMENT
            order.expires_at = now + APPROVED_PAYMENT_HOLD
            order.save(update_fields=["status", "expires_at", "updated_at"])
            audit(order, "registration.order_approved", user)
            queue_email(order, "approved_pay")
        else:
            confirm(order, now, user, action="registration.order_approved")
    return order


def reject_order(order, user=None, now=None) -> Order:
    now = now or timezone.now()
    with transaction.atomic():
        order = lock_order(order)
        if order.status != OrderStatus.PENDING_APPROVAL:
            raise RegistrationError(_("Only orders waiting for approval can be rejected."), "invalid_state")
        release(order, OrderStatus.CANCELLED, now)
        audit(order, "registration.order_rejected", user)
        queue_email(order, "rejected")
    return order
