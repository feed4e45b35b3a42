"""Background work of the content app (runs inline when there is no broker)."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation

from content.models import SupportRequest
from core.links import absolute_url
from core.tasks import render_plain_text


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_organisers_of_support_request(support_request_id):
    """E-mail the organisers one new support request (in Vietnamese, the organisers' language)."""
    support_request = SupportRequest.objects.filter(pk=support_request_id).first()
    if support_request is None or not settings.ORGANISER_EMAILS:
        return
    admin_url = absolute_url(reverse("support_requests:edit", args=[support_request.pk]))
    context = {"request": support_request, "admin_url": admin_url}
    with translation.override("vi"):
        subject = render_plain_text("content/email/support_request_subject.txt", context)
        body = render_plain_text("content/email/support_request.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        settings.ORGANISER_EMAILS,
        fail_silently=False,
    )
