"""Queueing background work so that an unreachable broker never fails the request that queued it."""

import logging
from smtplib import SMTPException

from celery import shared_task
from django.core.mail import send_mail
from django.db import transaction
from django.template import Context, Engine
from kombu.exceptions import OperationalError as BrokerUnavailable

logger = logging.getLogger(__name__)


def enqueue(task, *args, **kwargs):
    """Run `task` in a worker once the current transaction commits.

    With the broker (Redis) down, the task runs here instead: the attendee's order or the company's
    application is already saved, and a 500 would tell them the opposite.
    """

    def send():
        try:
            task.delay(*args, **kwargs)
        except (BrokerUnavailable, OSError):
            logger.warning("Task broker unreachable; running %s in the request", task.name, exc_info=True)
            task.apply(args=args, kwargs=kwargs)

    transaction.on_commit(send)


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=30, max_retries=10)
def send_plain_email(subject, body, recipients):
    """A plain-text notice; retried while the mail server is down."""
    send_mail(subject, body, None, recipients, fail_silently=False)


def render_plain_text(template_name, context):
    """A plain-text e-mail's body: the template rendered without HTML escaping.

    Django's templates escape for HTML, which turned "Sông Hàn & Co" into "Sông Hàn &amp; Co" in a
    text e-mail; a text part has no markup to protect.
    """
    template = Engine.get_default().get_template(template_name)
    return template.render(Context(context, autoescape=False))
