"""E-mail backends for messaging's tests: one that is down, one that is slow (to make two runs overlap)."""

import smtplib
import time

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend


class DownBackend(BaseEmailBackend):
    """A mail server that refuses every connection."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("connection refused")


class SlowBackend(EmailBackend):
    """The test outbox, 50 ms per message: long enough for a second run to reach the same reminders."""

    def send_messages(self, messages):
        time.sleep(0.05)
        return super().send_messages(messages)
