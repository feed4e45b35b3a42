"""Background work of the content app (runs inline when there is no broker): support e-mails."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation

from content.models import SupportReply, SupportRequest
from core.links import absolute_url
from core.tasks import render_plain_text


def _send(template, context, language, recipients):
    """Render `<template>_subject.txt` and `<template>.txt` in `language` and send them as plain text."""
    with translation.override(language):
        subject = render_plain_text(f"content/email/{template}_subject.txt", context)
        body = render_plain_text(f"content/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)


def status_page_url(language):
    with translation.override(language):
        return absolute_url(reverse("support_status"))


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_organisers_of_support_request(support_request_id):
    """E-mail the organisers one new support request (in Vietnamese, the organisers' language)."""
    support_request = SupportRequest.objects.filter(pk=support_request_id).first()
    if support_request is None or not settings.ORGANISER_EMAILS:
        return
    admin_url = absolute_url(reverse("support_requests:respond", args=[support_request.pk]))
    _send(
        "support_request",
        {"request": support_request, "admin_url": admin_url},
        "vi",
        settings.ORGANISER_EMAILS,
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_support_confirmation(support_request_id):
    """Tell the person their request's reference and where to follow it, in their language."""
    support_request = SupportRequest.objects.filter(pk=support_request_id).exclude(email="").first()
    if support_request is None:
        return
    context = {"request": support_request, "status_url": status_page_url(support_request.language)}
    _send("support_confirmation", context, support_request.language, [support_request.email])


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_support_reply(reply_id):
    """E-mail an organiser's reply to the person, in their language, once."""
    reply = SupportReply.objects.select_related("request").filter(pk=reply_id, delivered=False).first()
    if reply is None or not reply.request.email:
        return
    support_request = reply.request
    context = {
        "request": support_request,
        "reply": reply,
        "status_url": status_page_url(support_request.language),
    }
    _send("support_reply", context, support_request.language, [support_request.email])
    SupportReply.objects.filter(pk=reply.pk).update(delivered=True)
