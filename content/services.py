"""State changes of the content app: receiving a support request."""

from django.db import transaction
from django.utils import timezone
from django_ratelimit.core import is_ratelimited
from wagtail.log_actions import log

from content.models import SupportRequest
from core.tasks import enqueue

SUPPORT_RATE = "5/10m"


def support_rate_limited(request):
    """At most five support requests per IP address in ten minutes (every POST counts)."""
    return is_ratelimited(
        request, group="content.support_request", key="ip", rate=SUPPORT_RATE, method="POST", increment=True
    )


def submit_support_request(data, *, page=None, language="vi"):
    """Store a support request with its consent record, log it, and e-mail the organisers after commit."""
    from content.forms import CONSENT_TEXT
    from content.tasks import notify_organisers_of_support_request

    with transaction.atomic():
        support_request = SupportRequest.objects.create(
            name=data["name"],
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            topic=data["topic"],
            message=data["message"],
            language=language,
            consent_at=timezone.now(),
            consent_text=str(CONSENT_TEXT),
        )
        log(
            instance=support_request,
            action="content.support_request_received",
            data={"topic": support_request.topic, "language": language, "page": getattr(page, "pk", None)},
        )
        enqueue(notify_organisers_of_support_request, support_request.pk)
    return support_request
