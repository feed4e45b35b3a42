"""Stripe Checkout and webhooks through the real SDK against the loopback Stripe server."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from registration import services, tokens
from registration.models import Order, OrderStatus, StripeEvent, TicketType

from .conftest import attendee

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_order(event, paid_type, stripe_settings):
    order = services.place_order(
        event=event, email="an@example.com", attendees=[attendee(paid_type)], consent=True
    )
    assert order.status == OrderStatus.PENDING_PAYMENT
    url = services.start_payment(order, success_url="http://testserver/ok", cancel_url="http://testserver/no")
    order.refresh_from_db()
    assert url.endswith(order.stripe_session_id)
    return order


def test_checkout_session_carries_reference_and_vnd(paid_order, stripe_settings):
    session = stripe_settings.sessions[paid_order.stripe_session_id]
    assert session["metadata"]["reference"] == paid_order.reference
    assert session["client_reference_id"] == paid_order.reference
    assert session["currency"] == "vnd" and session["amount_total"] == 500_000
    # A second start reuses the open session.
    assert services.start_payment(paid_order, success_url="x", cancel_url="y").endswith(
        paid_order.stripe_session_id
    )


def test_completed_webhook_confirms_once(
    paid_order, stripe_settings, client, django_capture_on_commit_callbacks
):
    stripe_settings.complete_session(paid_order.stripe_session_id)
    event = stripe_settings.session_event("checkout.session.completed", paid_order.stripe_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        response = stripe_settings.deliver(client, event)
    assert response.status_code == 200 and response.json()["outcome"] == "confirmed"
    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.CONFIRMED and paid_order.stripe_payment_intent.startswith("pi_")
    sent = len(mail.outbox)
    again = stripe_settings.deliver(client, event)
    assert again.status_code == 200 and again.json()["outcome"] == "duplicate"
    assert len(mail.outbox) == sent
    assert StripeEvent.objects.filter(event_id=event["id"]).count() == 1


def test_forged_signature_is_400_and_changes_nothing(paid_order, stripe_settings, client):
    stripe_settings.complete_session(paid_order.stripe_session_id)
    event = stripe_settings.session_event("checkout.session.completed", paid_order.stripe_session_id)
    response = stripe_settings.deliver(client, event, secret="whsec_forged")
    assert response.status_code == 400 and response.json()["reason"] == "invalid_signature"
    assert stripe_settings.deliver(client, event, signature="t=1,v1=deadbeef").status_code == 400
    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.PENDING_PAYMENT
    assert not StripeEvent.objects.exists()


def test_webhook_without_secret_configured_is_400(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    response = client.post("/payments/stripe/webhook/", data=b"{}", content_type="application/json")
    assert response.status_code == 400


def test_expired_after_completed_leaves_order_confirmed(paid_order, stripe_settings, client):
    stripe_settings.complete_session(paid_order.stripe_session_id)
    completed = stripe_settings.session_event("checkout.session.completed", paid_order.stripe_session_id)
    stripe_settings.deliver(client, completed)
    stripe_settings.set_session(paid_order.stripe_session_id, status="expired")
    expired = stripe_settings.session_event("checkout.session.expired", paid_order.stripe_session_id)
    assert stripe_settings.deliver(client, expired).json()["outcome"] == "ignored"
    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.CONFIRMED


def test_expired_session_releases_hold(paid_order, stripe_settings, client):
    stripe_settings.set_session(paid_order.stripe_session_id, status="expired")
    event = stripe_settings.session_event("checkout.session.expired", paid_order.stripe_session_id)
    assert stripe_settings.deliver(client, event).json()["outcome"] == "expired"
    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.EXPIRED


def test_async_payment_flow(paid_order, stripe_settings, client):
    stripe_settings.complete_session(paid_order.stripe_session_id)
    stripe_settings.set_session(paid_order.stripe_session_id, payment_status="unpaid")
    pending = stripe_settings.session_event("checkout.session.completed", paid_order.stripe_session_id)
    assert stripe_settings.deliver(client, pending).json()["outcome"] == "awaiting_async_payment"
    stripe_settings.set_session(paid_order.stripe_session_id, payment_status="paid")
    succeeded = stripe_settings.session_event(
        "checkout.session.async_payment_succeeded", paid_order.stripe_session_id
    )
    assert stripe_settings.deliver(client, succeeded).json()["outcome"] == "confirmed"


def test_async_payment_failed_releases(
    paid_order, stripe_settings, client, django_capture_on_commit_callbacks
):
    stripe_settings.complete_session(paid_order.stripe_session_id)
    stripe_settings.set_session(paid_order.stripe_session_id, payment_status="unpaid")
    failed = stripe_settings.session_event(
        "checkout.session.async_payment_failed", paid_order.stripe_session_id
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert stripe_settings.deliver(client, failed).json()["outcome"] == "expired"
    assert "did not go through" in mail.outbox[-1].body or "không thành công" in mail.outbox[-1].body


def late_payment(order, stripe_settings):
    """The customer pays at the last second; our expiry job runs before Stripe's webhook arrives."""
    stripe_settings.complete_session(order.stripe_session_id)
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert services.expire_orders() == 1


def test_late_payment_confirmed_when_places_free(paid_order, stripe_settings, client):
    late_payment(paid_order, stripe_settings)
    event = stripe_settings.session_event("checkout.session.completed", paid_order.stripe_session_id)
    assert stripe_settings.deliver(client, event).json()["outcome"] == "confirmed"


def test_late_payment_refunded_when_sold_out(
    event, paid_type, paid_order, stripe_settings, client, django_capture_on_commit_callbacks
):
    late_payment(paid_order, stripe_settings)
    paid_type.capacity = 1
    paid_type.save()
    services.place_order(event=event, email="b@example.com", attendees=[attendee(paid_type)], consent=True)
    event_body = stripe_settings.session_event("checkout.session.completed", paid_order.stripe_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        assert stripe_settings.deliver(client, event_body).json()["outcome"] == "refunded_sold_out"
    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.REFUNDED and paid_order.refunded_amount == 500_000
    intent = stripe_settings.localstripe("GET", f"/v1/payment_intents/{paid_order.stripe_payment_intent}")
    assert intent["charges"]["data"][0]["amount_refunded"] == 500_000
    assert mail.outbox[-1].to == ["an@example.com"]


def test_stripe_unreachable_answers_503_then_retry_applies(paid_order, stripe_settings, client, settings):
    late_payment(paid_order, stripe_settings)
    # Sold out meanwhile, so a refund is needed, and Stripe cannot be reached: Stripe must retry.
    TicketType.objects.filter(tickets__order=paid_order).update(capacity=0)
    event = stripe_settings.session_event("checkout.session.completed", paid_order.stripe_session_id)
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    response = stripe_settings.deliver(client, event)
    assert response.status_code == 503
    assert not StripeEvent.objects.exists()
    settings.STRIPE_API_BASE = stripe_settings.api_base
    assert stripe_settings.deliver(client, event).json()["outcome"] == "refunded_sold_out"


def test_cancel_refunds_by_rule(paid_order, stripe_settings, client):
    stripe_settings.complete_session(paid_order.stripe_session_id)
    stripe_settings.deliver(
        client, stripe_settings.session_event("checkout.session.completed", paid_order.stripe_session_id)
    )
    paid_order.refresh_from_db()
    assert services.refund_amount_for(paid_order) == 500_000
    services.cancel_order(paid_order)
    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.REFUNDED and paid_order.refunded_amount == 500_000
    # Stripe then tells us about the refund: recorded, not applied twice.
    refunded = stripe_settings.charge_refunded_event(paid_order.stripe_payment_intent)
    assert stripe_settings.deliver(client, refunded).json()["outcome"] == "already_applied"


def test_no_refund_after_deadline(paid_order, stripe_settings, client):
    stripe_settings.complete_session(paid_order.stripe_session_id)
    stripe_settings.deliver(
        client, stripe_settings.session_event("checkout.session.completed", paid_order.stripe_session_id)
    )
    paid_order.refresh_from_db()
    later = paid_order.event.starts_at - timedelta(days=1)
    assert services.refund_amount_for(paid_order, now=later) == 0
    assert services.refund_amount_for(paid_order, now=later, by_organiser=True) == 500_000


def test_refund_made_in_stripe_dashboard_cancels(paid_order, stripe_settings, client):
    from registration import payments

    stripe_settings.complete_session(paid_order.stripe_session_id)
    stripe_settings.deliver(
        client, stripe_settings.session_event("checkout.session.completed", paid_order.stripe_session_id)
    )
    paid_order.refresh_from_db()
    payments.refund(paid_order.stripe_payment_intent)
    refunded = stripe_settings.charge_refunded_event(paid_order.stripe_payment_intent)
    assert stripe_settings.deliver(client, refunded).json()["outcome"] == "refunded"
    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.REFUNDED


def test_unknown_event_types_are_acknowledged(stripe_settings, client):
    event = stripe_settings.event("customer.created", {"id": "cus_1", "object": "customer"})
    assert stripe_settings.deliver(client, event).json()["outcome"] == "ignored"


def test_reconcile_payments_applies_lost_webhook(paid_order, stripe_settings, capsys):
    stripe_settings.complete_session(paid_order.stripe_session_id)
    call_command("reconcile_payments")
    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.CONFIRMED
    assert "confirmed" in capsys.readouterr().out


def test_success_page_refetches_and_tells_the_truth(paid_order, stripe_settings, client):
    token = tokens.manage_token(paid_order)
    url = reverse("registration:payment_return", args=[token]) + f"?session_id={paid_order.stripe_session_id}"
    response = client.get(url)
    assert response.status_code == 200
    assert "confirming" in response.content.decode() or "đang xác nhận" in response.content.decode()
    stripe_settings.complete_session(paid_order.stripe_session_id)
    response = client.get(url)
    assert response.status_code == 302
    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.CONFIRMED


def test_pay_view_with_stripe_down_keeps_hold(paid_order, stripe_settings, client, settings):
    Order.objects.filter(pk=paid_order.pk).update(stripe_session_id="")
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    response = client.get(reverse("registration:pay", args=[tokens.manage_token(paid_order)]))
    assert response.status_code == 503
    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.PENDING_PAYMENT
