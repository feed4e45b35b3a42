"""Background work: e-mails (retried when the mail server is down), expiring holds, reconciling payments."""

import logging
import smtplib

from celery import shared_task

from . import payments, services
from .models import Order

logger = logging.getLogger(__name__)
MAIL_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError)


@shared_task(bind=True, max_retries=10, acks_late=True)
def send_order_email(self, order_id, kind, extra=None):
    """Send one e-mail about an order; a mail-server outage is retried with growing delays.

    Run inline (no broker), a failure is logged instead: the registration is saved either way and
    the attendee can ask for the e-mail again from the page.
    """
    order = Order.objects.select_related("event").filter(pk=order_id).first()
    if order is None:
        return False
    try:
        return services.send_order_email(order, kind, extra)
    except MAIL_ERRORS as error:
        if self.request.is_eager:
            logger.warning("e-mail %s for order %s not sent: %s", kind, order.reference, error)
            return False
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 1800)) from error


@shared_task
def expire_orders():
    return services.expire_orders()


@shared_task
def reconcile_payments():
    if not payments.is_configured():
        return {}
    return dict(services.reconcile_payments(log_line=lambda line: None))


@shared_task
def apply_retention():
    """Daily: anonymise what has been kept long enough; a run already under way wins."""
    try:
        return services.apply_retention()
    except services.RetentionBusy:
        return None


@shared_task
def remind_bank_transfers():
    return services.remind_bank_transfers()
