"""Stripe, through its own SDK: Checkout Sessions, refunds and webhook verification.

Generic on purpose: ticket orders and exhibitors' booth fees both pay through it. A caller passes
what is being paid for (a reference, an amount in VND, a description, metadata, URLs) and keeps the
returned session id; the caller's own service decides what a paid session means.
VND has no minor unit, in Stripe as here: amounts are whole đồng.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

CURRENCY = "vnd"
# Stripe accepts 30 minutes to 24 hours; our holds are 30 minutes.
MIN_SESSION_LIFETIME = dt.timedelta(minutes=30)
# ... and at most 24 hours: a bank-transfer hold (48 hours) can be longer than a card payment may stay open.
MAX_SESSION_LIFETIME = dt.timedelta(hours=23, minutes=30)


class PaymentError(Exception):
    """Stripe refused or could not be reached; `retryable` says whether trying later may help."""

    def __init__(self, message, *, code="payment_error", retryable=False):
        super().__init__(message)
        self.code = code
        self.retryable = retryable


class PaymentsNotConfigured(PaymentError):
    """No Stripe key: paid items cannot be sold online (free registration still works)."""

    def __init__(self, message="Stripe is not configured"):
        super().__init__(message, code="payments_not_configured")


class WebhookSignatureError(Exception):
    """The body was not signed by Stripe with our endpoint secret (or is stale or malformed)."""


@dataclass
class LineItem:
    name: str
    unit_amount: int
    quantity: int = 1
    description: str = ""


@dataclass
class CheckoutSession:
    """What our services need from a Checkout Session, independent of the SDK's object type."""

    id: str
    url: str | None
    status: str  # open, complete, expired
    payment_status: str  # paid, unpaid, no_payment_required
    payment_intent: str | None
    amount_total: int | None
    currency: str | None
    client_reference_id: str | None
    metadata: dict = field(default_factory=dict)

    @property
    def is_paid(self):
        return self.status == "complete" and self.payment_status in ("paid", "no_payment_required")

    @classmethod
    def from_stripe(cls, obj) -> CheckoutSession:
        data = obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)
        payment_intent = data.get("payment_intent")
        if isinstance(payment_intent, dict):
            payment_intent = payment_intent.get("id")
        return cls(
            id=data["id"],
            url=data.get("url"),
            status=data.get("status") or "open",
            payment_status=data.get("payment_status") or "unpaid",
            payment_intent=payment_intent,
            amount_total=data.get("amount_total"),
            currency=data.get("currency"),
            client_reference_id=data.get("client_reference_id"),
            metadata=dict(data.get("metadata") or {}),
        )


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def webhooks_configured() -> bool:
    return bool(settings.STRIPE_WEBHOOK_SECRET)


def get_client():
    import stripe  # slow to import; only payment requests need it

    if not is_configured():
        raise PaymentsNotConfigured("STRIPE_SECRET_KEY is not set")
    base_addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else {}
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses=base_addresses, max_network_retries=2
    )


def _wrap(error) -> PaymentError:
    import stripe  # slow to import; only payment requests need it

    retryable = isinstance(error, stripe.APIConnectionError | stripe.RateLimitError) or (
        isinstance(error, stripe.APIError)
    )
    code = getattr(error, "code", None) or type(error).__name__
    return PaymentError(str(error), code=code, retryable=retryable)


def create_checkout_session(
    *,
    reference: str,
    line_items: list[LineItem],
    success_url: str,
    cancel_url: str,
    metadata: dict | None = None,
    customer_email: str | None = None,
    expires_at: dt.datetime | None = None,
    locale: str | None = None,
    idempotency_key: str | None = None,
) -> CheckoutSession:
    """A hosted payment page for `line_items`; `reference` comes back in metadata and client_reference_id.

    `success_url` may contain `{CHECKOUT_SESSION_ID}`, which Stripe fills in.
    """
    import stripe  # slow to import; only payment requests need it

    now = timezone.now()
    expires_at = min(max(expires_at or now, now + MIN_SESSION_LIFETIME), now + MAX_SESSION_LIFETIME)
    params = {
        "mode": "payment",
        "currency": CURRENCY,
        "client_reference_id": reference,
        "metadata": {**(metadata or {}), "reference": reference},
        "payment_intent_data": {"metadata": {**(metadata or {}), "reference": reference}},
        "line_items": [
            {
                "quantity": item.quantity,
                "price_data": {
                    "currency": CURRENCY,
                    "unit_amount": int(item.unit_amount),
                    "product_data": {
                        "name": item.name,
                        **({"description": item.description} if item.description else {}),
                    },
                },
            }
            for item in line_items
        ],
        "success_url": success_url,
        "cancel_url": cancel_url,
        "expires_at": int(expires_at.timestamp()),
    }
    if customer_email:
        params["customer_email"] = customer_email
    if locale in ("vi", "en"):
        params["locale"] = locale
    options = {"idempotency_key": idempotency_key} if idempotency_key else {}
    try:
        session = get_client().v1.checkout.sessions.create(params=params, options=options)
    except stripe.StripeError as error:
        raise _wrap(error) from error
    return CheckoutSession.from_stripe(session)


def retrieve_checkout_session(session_id: str) -> CheckoutSession:
    import stripe  # slow to import; only payment requests need it

    try:
        return CheckoutSession.from_stripe(get_client().v1.checkout.sessions.retrieve(session_id))
    except stripe.StripeError as error:
        raise _wrap(error) from error


def expire_checkout_session(session_id: str) -> CheckoutSession | None:
    """Close an open session so nobody pays for a hold we already released; None if it was not open."""
    import stripe  # slow to import; only payment requests need it

    try:
        return CheckoutSession.from_stripe(get_client().v1.checkout.sessions.expire(session_id))
    except stripe.InvalidRequestError:
        return None
    except stripe.StripeError as error:
        raise _wrap(error) from error


@dataclass
class RefundResult:
    id: str
    status: str
    amount: int


def refund(
    payment_intent: str,
    *,
    amount: int | None = None,
    metadata: dict | None = None,
    idempotency_key: str | None = None,
) -> RefundResult:
    """Refund all (or `amount` đồng) of a payment through Stripe's Refund API."""
    import stripe  # slow to import; only payment requests need it

    params = {"payment_intent": payment_intent}
    if metadata:
        params["metadata"] = metadata
    if amount is not None:
        params["amount"] = int(amount)
    options = {"idempotency_key": idempotency_key} if idempotency_key else {}
    try:
        result = get_client().v1.refunds.create(params=params, options=options)
    except stripe.StripeError as error:
        raise _wrap(error) from error
    return RefundResult(id=result.id, status=result.status, amount=result.amount)


def verify_webhook(payload: bytes, signature_header: str | None) -> dict:
    """The event as a plain dict, only if Stripe signed `payload` with our endpoint secret."""
    import stripe  # slow to import; only payment requests need it

    if not webhooks_configured():
        raise WebhookSignatureError("STRIPE_WEBHOOK_SECRET is not set")
    if not signature_header:
        raise WebhookSignatureError("missing Stripe-Signature header")
    try:
        event = stripe.Webhook.construct_event(payload, signature_header, settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise WebhookSignatureError(str(error)) from error
    return event.to_dict()
