"""Signed links (no account needed): confirm an e-mail address, manage a registration."""

from django.core import signing

from .models import Order

CONFIRM_SALT = "registration.confirm-email"
MANAGE_SALT = "registration.manage"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_token(order) -> str:
    return signing.dumps([order.pk, order.reference], salt=CONFIRM_SALT, compress=True)


def manage_token(order) -> str:
    return signing.dumps([order.pk, order.reference], salt=MANAGE_SALT, compress=True)


def _load(token, salt, max_age=None):
    try:
        pk, reference = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Order.objects.select_related("event").filter(pk=pk, reference=reference).first()


def order_from_confirm_token(token):
    return _load(token, CONFIRM_SALT, CONFIRM_MAX_AGE)


def order_from_manage_token(token):
    return _load(token, MANAGE_SALT)
