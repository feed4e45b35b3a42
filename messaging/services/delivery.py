"""Sending one claimed message: under its row lock (SKIP LOCKED), once, recorded in registration's log."""

import logging
from smtplib import SMTPException

from django.db import transaction
from django.utils import timezone

from registration.models import Ticket
from registration.services.emails import record_email

logger = logging.getLogger(__name__)
MAIL_ERRORS = (SMTPException, OSError)


def send_claimed(model, pk, build):
    """Send the unsent `model` row `pk` (a `TicketMessage`); `build(row, ticket)` returns the message and
    the kind it is logged under.

    True: sent and recorded. False: the send failed (the mail server is down); the row stays unsent with
    its error, for the next run. None: another run holds it, or has sent it already.
    """
    with transaction.atomic():
        row = model.objects.select_for_update(skip_locked=True).filter(pk=pk, sent_at__isnull=True).first()
        if row is None:
            return None
        ticket = Ticket.objects.select_related("order__event", "ticket_type").get(pk=row.ticket_id)
        message, kind = build(row, ticket)
        try:
            message.send()
        except MAIL_ERRORS as error:
            logger.warning("%s %s not sent: %s", model._meta.model_name, pk, error)
            row.attempts += 1
            row.last_error = str(error)[:255]
            row.save(update_fields=["attempts", "last_error"])
            return False
        row.sent_at = timezone.now()
        row.save(update_fields=["sent_at"])
        record_email(ticket.order, kind, message.to[0], message.subject)
    return True


def send_all(model, pks, build):
    """Send each row of `pks`; stops at the first failure, leaving the rest for the next run."""
    sent = failed = 0
    for pk in pks:
        outcome = send_claimed(model, pk, build)
        if outcome is True:
            sent += 1
        elif outcome is False:
            failed += 1
            break
    return sent, failed
