"""Services outside our control fail: Stripe unreachable while paying, the mail server down."""

import datetime

import pytest
from celery.exceptions import Retry
from django.utils import timezone

from registration import services
from registration.models import Order, OrderStatus
from registration.tasks import send_order_email
from registration.tokens import manage_token
from tests.conftest import free_port
from tests.factories.registration import OrderFactory, TicketFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


def test_stripe_unreachable_says_places_are_held_until_when(site_pages, client, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_unreachable"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_unreachable"
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"  # nothing listens: connection refused
    paid = TicketTypeFactory(price=500_000)
    expires = timezone.now() + datetime.timedelta(minutes=30)
    order = OrderFactory(
        event=paid.event,
        status=OrderStatus.PENDING_PAYMENT,
        total=500_000,
        confirmed_at=None,
        expires_at=expires,
    )
    TicketFactory(order=order, ticket_type=paid)

    response = client.get(f"/vi/registration/{manage_token(order)}/pay/")
    assert response.status_code == 503
    html = response.content.decode()
    held_until = timezone.localtime(expires).strftime("%H:%M")
    assert held_until in html, "the page must say until when the places are held"
    assert "Traceback" not in html
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT and order.expires_at == expires  # the hold stays


def test_mail_server_down_registration_succeeds_and_the_email_is_retried(
    site_pages, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    free = TicketTypeFactory(price=0)
    attendee = services.AttendeeData(ticket_type=free, name="Trần Thị Mai", email="mai@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        order = services.place_order(
            event=free.event, email="mai@example.org", attendees=[attendee], consent=True
        )
    # The registration is saved although its e-mail could not go out (tasks run inline here).
    order = Order.objects.get(pk=order.pk)
    assert order.status == OrderStatus.PENDING_EMAIL
    assert services.confirm_email(order).status == OrderStatus.CONFIRMED

    # With a broker (production), the same failure schedules a retry instead of losing the e-mail.
    send_order_email.push_request(
        is_eager=False, retries=0, id="t-1", called_directly=False, args=[order.pk, "confirmation"], kwargs={}
    )
    try:
        with pytest.raises(Retry):
            send_order_email.run(order.pk, "confirmation")
    finally:
        send_order_email.pop_request()
