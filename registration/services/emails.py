"""E-mails about an order: queued after commit, sent by a worker, and recorded once sent."""

from core.tasks import enqueue

from ..emails import build_message
from ..models import Order, SentEmail


def queue_email(order, kind, **extra):
    """Send the `kind` e-mail about `order` once the current transaction commits."""
    # The task module imports these services: read it at call time to keep the imports one-way.
    from ..tasks import send_order_email as send_order_email_task

    enqueue(send_order_email_task, order.pk, kind, extra)


def send_order_email(order: Order, kind: str, extra=None) -> bool:
    """Build and send one e-mail now (the worker's side of `queue_email`); False when there is no address."""
    message = build_message(order, kind, extra)
    if message is None:
        return False
    message.send()
    record_email(order, kind, order.email, message.subject)
    return True


def record_email(order, kind, to, subject):
    SentEmail.objects.create(order=order, kind=kind, to=to, subject=subject[:255])
