"""State changes of the content app: receiving a support request."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from content.forms import CONSENT_TEXT
from content.models import SupportRequest
from content.tasks import notify_organisers_of_support_request
from core.tasks import enqueue


def submit_support_request(data, *, page=None, language="vi"):
    """Store a support request with its consent record, log it, and e-mail the organisers after commit."""
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
            consent_policy_version=settings.PRIVACY_POLICY_VERSION,
        )
        log(
            instance=support_request,
            action="content.support_request_received",
            data={"topic": support_request.topic, "language": language, "page": getattr(page, "pk", None)},
        )
        enqueue(notify_organisers_of_support_request, support_request.pk)
    return support_request
