"""E-mail delivery: a mail-server outage never loses a registration."""

import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from registration import services
from registration.models import OrderStatus, SentEmail

from .conftest import attendee

pytestmark = pytest.mark.django_db


class BrokenSMTPBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("connection refused")


def test_mail_server_down_keeps_the_registration(
    event, free_type, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.registration.test_emails.BrokenSMTPBackend"
    with django_capture_on_commit_callbacks(execute=True):
        order = services.place_order(
            event=event, email="a@example.com", attendees=[attendee(free_type)], consent=True
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_EMAIL
    assert not SentEmail.objects.exists()
    # Once the server is back, "send again" works.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.resend_confirmation(order)
    assert SentEmail.objects.filter(order=order, kind="confirm_email").exists()
