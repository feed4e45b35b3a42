"""Issuing, verifying and revoking certificates: who earned one is decided here and nowhere else."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from certificates.models import Certificate
from checkin.models import CheckIn, CheckInType
from events.models import EventPage
from registration.codes import REFERENCE_ALPHABET, REFERENCE_LENGTH
from registration.models import Ticket


def certifying_classes(now=None):
    """Classes whose certificates can be issued: marked as certifying, not cancelled, already over."""
    return EventPage.objects.filter(
        certifying=True, is_cancelled=False, ends_at__lte=now or timezone.now(), locale__language_code="vi"
    )


def admitted_tickets(event):
    """Tickets with a successful, not undone entry scan at any of the class's lists (its gate or a
    session door)."""
    admissions = CheckIn.objects.filter(
        checkin_list__event=event, successful=True, annulled_at__isnull=True, type=CheckInType.ENTRY
    )
    return Ticket.objects.filter(pk__in=admissions.values("ticket_id"))


def _new_certificate(event, ticket):
    return Certificate(
        event=event,
        ticket=ticket,
        name=ticket.attendee_name,
        hours=event.certificate_hours,
        organiser=event.organiser,
    )


def _issue(event, ticket):
    """The ticket's certificate for the class, made once (a second call returns the first one)."""
    existing = Certificate.objects.filter(event=event, ticket=ticket).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            certificate = _new_certificate(event, ticket)
            certificate.save()
    except IntegrityError:  # issued by a concurrent call (the command and the ticket page at once)
        return Certificate.objects.get(event=event, ticket=ticket), False
    return certificate, True


def issue_for_class(event) -> int:
    """Issue the missing certificates of one class in a fixed number of queries; returns how many were made."""
    if not (event.certifying and not event.is_cancelled and event.ends_at <= timezone.now()):
        return 0
    pending = admitted_tickets(event).exclude(certificates__event=event).exclude(attendee_name="")
    new = [_new_certificate(event, ticket) for ticket in pending.only("pk", "attendee_name").order_by("pk")]
    before = Certificate.objects.filter(event=event).count()
    # A row that loses a race (the ticket page issued it a moment ago) is skipped, not an error; so
    # would be one of 10^12 codes drawn twice, which the next run issues again.
    Certificate.objects.bulk_create(new, ignore_conflicts=True)
    return Certificate.objects.filter(event=event).count() - before


def issue_for_ticket(ticket) -> list[Certificate]:
    """The certificates a ticket has earned, issuing the missing ones (the attendee's ticket page)."""
    if not ticket.attendee_name:
        return []
    events = (
        certifying_classes()
        .filter(
            checkin_lists__checkins__ticket=ticket,
            checkin_lists__checkins__successful=True,
            checkin_lists__checkins__annulled_at__isnull=True,
            checkin_lists__checkins__type=CheckInType.ENTRY,
        )
        .distinct()
    )
    have = {c.event_id: c for c in Certificate.objects.filter(ticket=ticket).select_related("event")}
    certificates = [have.pop(event.pk, None) or _issue(event, ticket)[0] for event in events]
    return certificates + list(have.values())


def normalise_code(raw: str) -> str:
    """A code as typed or read from paper: spaces and dashes dropped, upper case."""
    return "".join(raw.split()).replace("-", "").upper()[: REFERENCE_LENGTH * 2]


def find(raw_code: str):
    """The certificate with this code, or None (also for anything that cannot be a code)."""
    code = normalise_code(raw_code or "")
    if len(code) != REFERENCE_LENGTH or any(ch not in REFERENCE_ALPHABET for ch in code):
        return None
    return Certificate.objects.select_related("event").filter(code=code).first()


def revoke(certificate, reason: str, user=None):
    """Revoke a certificate: its verify page says so from now on. Audited in the admin's history."""
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_at is None:
            certificate.revoked_at = timezone.now()
            certificate.revoked_reason = reason
            certificate.revoked_by = user
            certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
            log(instance=certificate, action="certificates.revoked", user=user, data={"reason": reason})
    return certificate
