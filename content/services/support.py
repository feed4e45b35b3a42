"""Support requests: receiving one (website form or hotline call), then assigning, replying and closing
it in that order; and finding one for its public status page."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from content.forms import CONSENT_TEXT, normalise_contact
from content.models import SupportReply, SupportRequest
from content.models.support import as_support_reference, new_support_reference
from content.tasks import notify_organisers_of_support_request, send_support_confirmation, send_support_reply
from core.tasks import enqueue

Status = SupportRequest.Status

# A request is assigned before anyone replies, and answered before it is closed: no step is skipped,
# and a closed request stays closed (the person writes a new one).
SUPPORT_STEPS = {
    Status.NEW: {Status.IN_PROGRESS},
    Status.IN_PROGRESS: {Status.ANSWERED},
    Status.ANSWERED: {Status.CLOSED},
    Status.CLOSED: set(),
}

REFERENCE_ATTEMPTS = 5


def submit_support_request(
    data, *, page=None, language="vi", source=SupportRequest.Source.WEBSITE, user=None, consent_text=None
):
    """Store a support request with its consent record and a fresh reference, log it, and after commit
    e-mail the organisers (website requests) and the person (when they gave an e-mail address)."""
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                support_request = SupportRequest.objects.create(
                    reference=new_support_reference(),
                    source=source,
                    name=data["name"],
                    email=data.get("email", ""),
                    phone=data.get("phone", ""),
                    topic=data["topic"],
                    message=data["message"],
                    language=language,
                    consent_at=timezone.now(),
                    consent_text=str(consent_text or CONSENT_TEXT),
                    consent_policy_version=settings.PRIVACY_POLICY_VERSION,
                )
                log(
                    instance=support_request,
                    action="content.support_request_received",
                    user=user,
                    data={
                        "topic": support_request.topic,
                        "language": language,
                        "source": source,
                        "page": getattr(page, "pk", None),
                    },
                )
                if source == SupportRequest.Source.WEBSITE:
                    enqueue(notify_organisers_of_support_request, support_request.pk)
                if support_request.email:
                    enqueue(send_support_confirmation, support_request.pk)
            return support_request
        except IntegrityError:
            # One in a billion: the reference was taken. Another draw; anything else is a real error.
            if attempt == REFERENCE_ATTEMPTS - 1:
                raise


def _step_error(support_request, new_status):
    return ValidationError(
        _("A support request cannot go from “%(old)s” to “%(new)s”.")
        % {"old": support_request.get_status_display(), "new": Status(new_status).label},
        code="support_step",
    )


def _locked(request_id):
    return SupportRequest.objects.select_for_update().get(pk=request_id)


def assign_support_request(request_id, assignee, *, user):
    """Give the request to a staff member: a new request becomes "assigned"; an assigned or answered one
    changes hands without changing state. Closed requests stay as they are."""
    if assignee is None or not (assignee.is_active and assignee.is_staff):
        raise ValidationError(_("Choose an active staff member."), code="support_assignee")
    with transaction.atomic():
        support_request = _locked(request_id)
        if support_request.status == Status.CLOSED:
            raise _step_error(support_request, Status.IN_PROGRESS)
        previous = support_request.assigned_to_id
        support_request.assigned_to = assignee
        fields = ["assigned_to"]
        if support_request.status == Status.NEW:
            support_request.status, support_request.assigned_at = Status.IN_PROGRESS, timezone.now()
            fields += ["status", "assigned_at"]
        support_request.save(update_fields=fields)
        log(
            instance=support_request,
            action="content.support_request_assigned",
            user=user,
            data={"from": previous, "to": assignee.pk},
        )
    return support_request


def reply_to_support_request(request_id, body, *, user):
    """Answer the person: the reply is stored, shown on the status page and e-mailed in their language.
    Only an assigned (or already answered) request can be answered."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write the reply first."), code="support_reply_empty")
    with transaction.atomic():
        support_request = _locked(request_id)
        if support_request.status not in (Status.IN_PROGRESS, Status.ANSWERED):
            raise _step_error(support_request, Status.ANSWERED)
        now = timezone.now()
        reply = SupportReply.objects.create(request=support_request, sent_by=user, body=body, created_at=now)
        fields = []
        if support_request.first_reply_at is None:
            support_request.first_reply_at = now
            fields.append("first_reply_at")
        if support_request.status != Status.ANSWERED:
            support_request.status = Status.ANSWERED
            fields.append("status")
        if fields:
            support_request.save(update_fields=fields)
        log(
            instance=support_request,
            action="content.support_request_replied",
            user=user,
            data={"reply": reply.pk},
        )
        if support_request.email:
            enqueue(send_support_reply, reply.pk)
    return reply


def close_support_request(request_id, *, user):
    """Close an answered request: its status page says so, and it leaves the organisers' open list."""
    with transaction.atomic():
        support_request = _locked(request_id)
        if Status.CLOSED not in SUPPORT_STEPS[support_request.status]:
            raise _step_error(support_request, Status.CLOSED)
        support_request.status, support_request.closed_at = Status.CLOSED, timezone.now()
        support_request.save(update_fields=["status", "closed_at"])
        log(instance=support_request, action="content.support_request_closed", user=user, data={})
    return support_request


def find_support_request(reference, contact):
    """The request with this reference whose e-mail (or phone) is `contact`; None when either does not
    match, so a wrong reference and a wrong address look the same."""
    try:
        email, phone = normalise_contact(contact)
    except ValidationError:
        return None
    reference = as_support_reference(reference)
    if not reference:
        return None
    requests = SupportRequest.objects.filter(reference=reference)
    if email:
        requests = requests.alias(address=Lower("email")).filter(address=email.lower())
    else:
        requests = requests.filter(phone=phone)
    return requests.prefetch_related("replies").first()
