"""The payment service through the real stripe SDK against the loopback Stripe server."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from registration import payments


def _session(**overrides):
    params = {
        "reference": "DN7K3Q9P",
        "line_items": [payments.LineItem("Vé hội thảo", 500_000, 2)],
        "success_url": "http://testserver/ok?session={CHECKOUT_SESSION_ID}",
        "cancel_url": "http://testserver/cancel",
        "metadata": {"kind": "order"},
        "customer_email": "an@example.com",
        "locale": "vi",
    }
    params.update(overrides)
    return payments.create_checkout_session(**params)


def test_not_configured_without_key(settings):
    settings.STRIPE_SECRET_KEY = ""
    assert not payments.is_configured()
    with pytest.raises(payments.PaymentsNotConfigured):
        _session()


def test_create_and_retrieve_session(stripe_settings):
    session = _session(expires_at=timezone.now() + dt.timedelta(minutes=5))
    assert session.id.startswith("cs_")
    assert session.url
    assert session.amount_total == 1_000_000
    assert session.currency == "vnd"
    assert session.metadata == {"kind": "order", "reference": "DN7K3Q9P"}
    assert session.client_reference_id == "DN7K3Q9P"
    assert not session.is_paid
    stripe_settings.complete_session(session.id)
    again = payments.retrieve_checkout_session(session.id)
    assert again.is_paid
    assert again.payment_intent.startswith("pi_")


def test_refund_goes_through_localstripe(stripe_settings):
    session = _session()
    stripe_settings.complete_session(session.id)
    paid = payments.retrieve_checkout_session(session.id)
    result = payments.refund(paid.payment_intent, amount=400_000)
    assert result.status == "succeeded"
    assert result.amount == 400_000
    event = stripe_settings.charge_refunded_event(paid.payment_intent)
    assert event["data"]["object"]["amount_refunded"] == 400_000


def test_expire_open_session_and_not_twice(stripe_settings):
    session = _session()
    assert payments.expire_checkout_session(session.id).status == "expired"
    assert payments.expire_checkout_session(session.id) is None


def test_unknown_session_is_a_payment_error(stripe_settings):
    with pytest.raises(payments.PaymentError):
        payments.retrieve_checkout_session("cs_test_nope")


def test_webhook_signature(stripe_settings):
    event = stripe_settings.event("checkout.session.completed", {"id": "cs_1", "object": "checkout.session"})
    payload = json.dumps(event).encode()
    good = stripe_settings.sign(payload)
    assert payments.verify_webhook(payload, good)["id"] == event["id"]
    for header in (
        stripe_settings.sign(payload, secret="whsec_wrong"),
        stripe_settings.sign(payload, timestamp=int(timezone.now().timestamp()) - 3600),
        "",
        "garbage",
    ):
        with pytest.raises(payments.WebhookSignatureError):
            payments.verify_webhook(payload, header)
    with pytest.raises(payments.WebhookSignatureError):
        payments.verify_webhook(payload.replace(b"cs_1", b"cs_2"), good)
