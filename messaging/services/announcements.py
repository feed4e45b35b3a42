"""Announcements: an organiser's message to an audience, sent in the background in batches, logged per recipient.

`start_announcement` fixes the audience (one `AnnouncementRecipient` row per address, the unsubscribed
ones marked so) and queues the first batch. Each batch locks up to `ANNOUNCEMENT_BATCH_SIZE` waiting
rows (SKIP LOCKED: two workers never take the same rows), sends them over one connection to the mail
server and marks the ones that went out, in the same transaction: a worker killed in the middle of a
batch leaves its rows waiting, and a batch always costs the same few queries. A batch queues the next;
should a worker die between batches, `resume_stalled_announcements` (Celery beat, every minute) queues
the rest again.
"""

import logging
from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.tasks import enqueue
from exhibitors.models import Exhibitor
from registration.models import OrderStatus, SeatStatus, Ticket, TicketStatus

from ..emails import announcement_message
from ..models import (
    Announcement,
    AnnouncementOptOut,
    AnnouncementRecipient,
    AnnouncementStatus,
    Audience,
    RecipientStatus,
)

logger = logging.getLogger(__name__)
MAIL_ERRORS = (SMTPException, OSError)


class AnnouncementError(Exception):
    """An announcement that cannot be sent as asked; the message says why, for the organiser."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


def audience(announcement) -> dict:
    """The addresses an announcement goes to, each once (lower case), with its language."""
    if announcement.audience == Audience.EXHIBITORS:
        exhibitors = Exhibitor.objects.all()
        if announcement.event_id:
            exhibitors = exhibitors.filter(booths__event_id=announcement.event_id)
        # Exhibitors have no language of their own: Vietnamese, the site's first language.
        rows = ((email, "vi") for email in exhibitors.values_list("contact_email", flat=True).distinct())
    else:
        tickets = Ticket.objects.filter(status=TicketStatus.VALID, order__status=OrderStatus.CONFIRMED)
        if announcement.audience == Audience.EVENT_ATTENDEES:
            tickets = tickets.filter(ticket_type__event_id=announcement.event_id)
        elif announcement.audience == Audience.TICKET_TYPE:
            tickets = tickets.filter(ticket_type_id=announcement.ticket_type_id)
        else:
            tickets = tickets.filter(
                seats__session_id=announcement.session_id, seats__status=SeatStatus.CONFIRMED
            )
        rows = (
            (ticket_email or order_email, language)
            for ticket_email, order_email, language in tickets.order_by("pk").values_list(
                "email", "order__email", "order__language"
            )
        )
    found = {}
    for email, language in rows:
        if email:
            found.setdefault(email.lower(), language)
    return found


def preview(announcement) -> dict:
    """What sending would do now: how many addresses, and how many of them unsubscribed."""
    addresses = audience(announcement)
    unsubscribed = AnnouncementOptOut.objects.filter(email__in=list(addresses)).count()
    return {"recipients": len(addresses) - unsubscribed, "unsubscribed": unsubscribed}


def start_announcement(announcement, user=None) -> Announcement:
    """Fix the audience and start sending in the background; a second click sends nothing twice."""
    with transaction.atomic():
        announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
        if announcement.status != AnnouncementStatus.DRAFT:
            raise AnnouncementError(_("This announcement has already been sent."), "already_sent")
        addresses = audience(announcement)
        if not addresses:
            raise AnnouncementError(_("Nobody is in this audience: there is no one to send to."), "empty")
        unsubscribed = set(
            AnnouncementOptOut.objects.filter(email__in=list(addresses)).values_list("email", flat=True)
        )
        AnnouncementRecipient.objects.bulk_create(
            [
                AnnouncementRecipient(
                    announcement=announcement,
                    email=email,
                    language=language,
                    status=RecipientStatus.UNSUBSCRIBED if email in unsubscribed else RecipientStatus.PENDING,
                )
                for email, language in addresses.items()
            ],
            batch_size=1000,
        )
        now = timezone.now()
        announcement.status = AnnouncementStatus.SENDING
        announcement.queued_at = announcement.last_batch_at = now
        announcement.recipient_count = len(addresses) - len(unsubscribed)
        announcement.save(update_fields=["status", "queued_at", "last_batch_at", "recipient_count"])
        log(instance=announcement, action="messaging.announcement_sent", user=user)
        queue_next_batch(announcement.pk)
    return announcement


def queue_next_batch(announcement_id):
    # The task module imports these services: read it at call time to keep the imports one-way.
    from ..tasks import send_announcement_batch as task

    enqueue(task, announcement_id)


def send_batch(announcement_id, size=None) -> int:
    """Send one batch of the announcement's waiting recipients; returns how many went out (0: none
    waiting, or the mail server is down: the rows stay waiting for the next try)."""
    size = size or settings.ANNOUNCEMENT_BATCH_SIZE
    now = timezone.now()
    with transaction.atomic():
        announcement = Announcement.objects.get(pk=announcement_id)
        batch = list(
            AnnouncementRecipient.objects.select_for_update(skip_locked=True)
            .filter(announcement_id=announcement_id, status=RecipientStatus.PENDING)
            .order_by("pk")[:size]
        )
        if not batch:
            _finish_if_done(announcement_id, now)
            return 0
        sent, error = _send(announcement, batch)
        if sent:
            AnnouncementRecipient.objects.filter(pk__in=[r.pk for r in sent]).update(
                status=RecipientStatus.SENT, sent_at=now, last_error=""
            )
        Announcement.objects.filter(pk=announcement_id).update(
            last_batch_at=now, last_error=str(error)[:255] if error else ""
        )
        if error:
            logger.warning("announcement %s: mail server failed: %s", announcement_id, error)
            AnnouncementRecipient.objects.filter(pk=batch[len(sent)].pk).update(last_error=str(error)[:255])
        else:
            # The last batch marks the announcement sent at once (the page says so without waiting).
            _finish_if_done(announcement_id, now)
    return len(sent)


def _send(announcement, batch):
    """Send over one connection; stops at the first failure. Returns the rows sent and the error."""
    messages = [announcement_message(announcement, recipient) for recipient in batch]
    sent = []
    try:
        with get_connection() as connection:
            for recipient, message in zip(batch, messages, strict=True):
                message.connection = connection
                message.send()
                sent.append(recipient)
    except MAIL_ERRORS as error:
        return sent, error
    return sent, None


def _finish_if_done(announcement_id, now):
    waiting = AnnouncementRecipient.objects.filter(
        announcement_id=announcement_id, status=RecipientStatus.PENDING
    )
    Announcement.objects.filter(pk=announcement_id, status=AnnouncementStatus.SENDING).exclude(
        pk__in=waiting.values("announcement_id")
    ).update(status=AnnouncementStatus.SENT, finished_at=now)


def resume_stalled_announcements(now=None) -> int:
    """Queue again the announcements still sending whose last batch is older than two minutes (their
    worker died, or the mail server was down); returns how many."""
    now = now or timezone.now()
    stalled = list(
        Announcement.objects.filter(
            status=AnnouncementStatus.SENDING, last_batch_at__lt=now - timedelta(minutes=2)
        ).values_list("pk", flat=True)
    )
    for pk in stalled:
        queue_next_batch(pk)
    return len(stalled)


def progress(announcement) -> dict:
    """How far the sending is: counts by status, for the progress bar (one query)."""
    counts = dict.fromkeys(RecipientStatus.values, 0)
    for status, count in _status_counts(announcement):
        counts[status] = count
    return {
        "status": announcement.status,
        "total": announcement.recipient_count,
        "sent": counts[RecipientStatus.SENT],
        "waiting": counts[RecipientStatus.PENDING],
        "unsubscribed": counts[RecipientStatus.UNSUBSCRIBED],
        "last_error": announcement.last_error,
    }


def _status_counts(announcement):
    return (
        AnnouncementRecipient.objects.filter(announcement=announcement)
        .values_list("status")
        .annotate(count=Count("pk"))
        .order_by()
    )


def unsubscribe(email) -> bool:
    """Stop announcements to `email` (and the ones still waiting for it); True if it was subscribed."""
    email = email.lower()
    with transaction.atomic():
        _, created = AnnouncementOptOut.objects.get_or_create(email=email)
        AnnouncementRecipient.objects.filter(email=email, status=RecipientStatus.PENDING).update(
            status=RecipientStatus.UNSUBSCRIBED
        )
    return created
