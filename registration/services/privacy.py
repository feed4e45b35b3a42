"""Attendees' rights over their personal data: download everything we hold about them and who received
it, erase every copy, withdraw consent to share with exhibitors; each request recorded with its deadline.

Every place that holds personal data is registered in `core.personal_data` (registration's own models in
registration/personal_data.py, exhibitors' leads by the exhibitors app): these functions go through them
all, so they reach copies in apps registration cannot import.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import personal_data as registry
from core.personal_data import ERASED_BY_REQUEST, Person, any_filled
from core.tasks import enqueue, render_plain_text, send_plain_email

from ..models import (
    HOLDING_STATES,
    ConsentPurpose,
    Order,
    OrderStatus,
    PrivacyRequest,
    PrivacyRequestChannel,
    PrivacyRequestKind,
)
from .common import RegistrationError, audit, lock_order
from .emails import record_email
from .orders import cancel_order


def person_for(order) -> Person:
    """The person behind an order: the order, its tickets and every e-mail address it holds."""
    tickets = list(order.tickets.values_list("pk", "email"))
    emails = {e.strip().lower() for e in [order.email, *(email for _pk, email in tickets)] if e}
    return Person(
        order_id=order.pk,
        ticket_ids=frozenset(pk for pk, _email in tickets),
        emails=frozenset(emails),
        language=order.language,
    )


def personal_data(order) -> dict:
    """Everything we hold about the people in an order, section by section, with who received it."""
    person = person_for(order)
    data = {"generated_at": timezone.now().isoformat(), "reference": order.reference}
    for holder in registry.holders_of_a_person():
        data[holder.section] = holder.export(person)
    return data


def privacy_sections(order) -> list[dict]:
    """The download as titled sections, for the readable page."""
    data = personal_data(order)
    return [
        {"key": h.section, "title": h.title, "rows": data[h.section]} for h in registry.holders_of_a_person()
    ]


def _due(now):
    return now + timedelta(hours=settings.PRIVACY_REQUEST_DEADLINE_HOURS)


def record_request(order, kind, *, channel=PrivacyRequestChannel.WEB, user=None, reason="", now=None):
    """Record a download or erasure request as it arrives (phone, letter: answered later in the admin)."""
    now = now or timezone.now()
    if kind not in PrivacyRequestKind.values or channel not in PrivacyRequestChannel.values:
        raise RegistrationError(_("Choose the kind of request and how it came."), "invalid")
    with transaction.atomic():
        request = PrivacyRequest.objects.create(
            order=order,
            kind=kind,
            channel=channel,
            received_at=now,
            due_at=_due(now),
            handled_by=user,
            reason=(reason or "")[:300],
        )
        audit(order, "registration.privacy_request_received", user, kind=kind, channel=channel)
    return request


def _complete(order, kind, *, privacy_request, channel, user, reason, now):
    """Close the request being answered, or record one answered at once (the attendee's own page)."""
    if privacy_request is None:
        privacy_request = PrivacyRequest(
            order=order, kind=kind, channel=channel, received_at=now, due_at=_due(now), reason=reason[:300]
        )
    privacy_request.completed_at = now
    privacy_request.handled_by = user or privacy_request.handled_by
    privacy_request.save()
    return privacy_request


def download_personal_data(
    order, *, user=None, channel=PrivacyRequestChannel.WEB, reason="", privacy_request=None, now=None
) -> dict:
    """The download, recorded as an answered request (who asked, how, and who handed it over)."""
    now = now or timezone.now()
    with transaction.atomic():
        _complete(
            order,
            PrivacyRequestKind.DOWNLOAD,
            privacy_request=privacy_request,
            channel=channel,
            user=user,
            reason=reason,
            now=now,
        )
        audit(order, "registration.personal_data_downloaded", user, channel=channel, reason=reason or None)
    return personal_data(order)


def erase_personal_data(
    order, user=None, *, channel=PrivacyRequestChannel.WEB, reason="", privacy_request=None, now=None
) -> Order:
    """The person asked for deletion: void the tickets and empty every copy of their data, keeping counts.

    Exhibitors who held a lead are told (without who), and the person gets an e-mail saying what was
    erased, what is kept and why.
    """
    now = now or timezone.now()
    order = Order.objects.get(pk=order.pk)
    if order.status in (OrderStatus.CONFIRMED, *HOLDING_STATES):
        cancel_order(order, user=user, now=now)
    with transaction.atomic():
        order = lock_order(order)
        person = person_for(order)
        address, language = order.email, order.language
        counts = {
            h.section: h.apply(h.rows(person), now, ERASED_BY_REQUEST) for h in registry.holders_of_a_person()
        }
        _complete(
            order,
            PrivacyRequestKind.ERASURE,
            privacy_request=privacy_request,
            channel=channel,
            user=user,
            reason=reason,
            now=now,
        )
        audit(order, "registration.personal_data_erased", user, counts=counts, channel=channel)
        if address:
            _queue_erasure_confirmation(order, address, language, counts)
    order.refresh_from_db()
    return order


def _queue_erasure_confirmation(order, address, language, counts):
    with translation.override(language):
        event = order.event.localized_for(language)
        erased = [
            (h.title, counts[h.section]) for h in registry.holders_of_a_person() if counts.get(h.section)
        ]
        kept = [h.kept for h in registry.holders_of_a_person() if h.kept]
        subject = _("Your personal data is erased: %(event)s") % {"event": event.title}
        body = render_plain_text(
            "registration/email/erasure_confirmation.txt",
            {"order": order, "event": event, "erased": erased, "kept": kept},
        )
    enqueue(send_plain_email, subject, body, [address])
    # Recorded without the address: it is exactly what was just erased.
    record_email(order, "erasure_confirmation", "", subject)


def shared_copies(order) -> int:
    """How many copies of the person's details others hold (exhibitors' leads with details)."""
    person = person_for(order)
    return sum(
        h.rows(person).filter(any_filled(h.fields)).count()
        for h in registry.holders_of_a_person()
        if h.shared_with_third_parties
    )


def withdraw_sharing(order, user=None, now=None) -> Order:
    """Withdraw consent to share details with exhibitors: from now on a booth scan records no details."""
    now = now or timezone.now()
    with transaction.atomic():
        order = lock_order(order)
        order.share_with_exhibitors = False
        order.save(update_fields=["share_with_exhibitors", "updated_at"])
        order.tickets.update(share_with_exhibitors=False)
        order.consents.filter(purpose=ConsentPurpose.SHARE_WITH_EXHIBITORS, withdrawn_at__isnull=True).update(
            withdrawn_at=now
        )
        audit(order, "registration.sharing_withdrawn", user)
    return order


def erase_shared_details(order, user=None, now=None) -> int:
    """Erase the details already given to others (exhibitors' leads), keeping the rest of the order."""
    now = now or timezone.now()
    with transaction.atomic():
        order = lock_order(order)
        person = person_for(order)
        erased = sum(
            h.apply(h.rows(person), now, ERASED_BY_REQUEST)
            for h in registry.holders_of_a_person()
            if h.shared_with_third_parties
        )
        audit(order, "registration.shared_details_erased", user, rows=erased)
    return erased
