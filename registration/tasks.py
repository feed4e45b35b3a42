"""Background work: e-mails (retried when the mail server is down), expiring holds, reconciling payments."""

import logging
import smtplib

from celery import shared_task

logger = logging.getLogger(__name__)
MAIL_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError)


@shared_task(bind=True, max_retries=10, acks_late=True)
def send_order_email(self, order_id, kind, extra=None):
    """Send one e-mail about an order; a mail-server outage is retried with growing delays.

    Run inline (no broker), a failure is logged instead: the registration is saved either way and
    the attendee can ask for the e-mail again from the page.
    """
    from .emails import send_order_email as send
    from .models import Order

    order = Order.objects.select_related("event").filter(pk=order_id).first()
    if order is None:
        return False
    try:
        return send(order, kind, extra)
    except MAIL_ERRORS as error:
        if self.request.is_eager:
            logger.warning("e-mail %s for order %s not sent: %s", kind, order.reference, error)
            return False
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 1800)) from error


@shared_task
def expire_orders():
    from .services import expire_orders as expire

    return expire()


@shared_task
def reconcile_payments():
    from . import payments
    from .services import reconcile_payments as reconcile

    if not payments.is_configured():
        return {}
    return dict(reconcile(log_line=lambda line: None))
