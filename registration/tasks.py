"""Background work: e-mails (retried when the mail server is down), expiring holds, reconciling payments."""

import smtplib

from celery import shared_task


@shared_task(
    bind=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError, OSError),
    retry_backoff=30,
    retry_backoff_max=1800,
    max_retries=10,
)
def send_order_email(self, order_id, kind, extra=None):
    from .emails import send_order_email as send
    from .models import Order

    order = Order.objects.select_related("event").filter(pk=order_id).first()
    if order is None:
        return False
    return send(order, kind, extra)


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
