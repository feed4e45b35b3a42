"""Feedback on sessions: giving it (only for a session the ticket was admitted to, once per ticket and
session, changeable), and inviting admitted attendees once per day of sessions."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from checkin.models import CheckIn, CheckInType
from core.tasks import enqueue
from events.models import Session, SessionType
from participation import queries
from participation.models import FeedbackInvitation, SessionFeedback
from participation.tasks import send_feedback_invitation
from registration.models import Ticket

# Invitations go out for days of sessions that ended at most this long ago (a late run still sends them;
# a first run on an old database does not write to last year's attendees).
INVITE_WITHIN = timedelta(days=7)


class FeedbackNotAllowed(Exception):
    """The ticket was not admitted to this session, or the session has not ended."""

    message = _("Feedback is open to people admitted to this session, once it has ended.")


def give_feedback(ticket, session, *, rating, most_useful="", should_change="", language="vi"):
    """Record the ticket's feedback on the session; giving it again replaces it. Returns (feedback, created)."""
    if session.pk not in queries.admitted_session_ids(ticket):
        raise FeedbackNotAllowed
    values = {
        "rating": rating,
        "most_useful": most_useful.strip(),
        "should_change": should_change.strip(),
        "language": language,
    }
    with transaction.atomic():
        feedback = SessionFeedback.objects.select_for_update().filter(session=session, ticket=ticket).first()
        created = feedback is None
        if created:
            try:
                with transaction.atomic():  # a savepoint: a second tab may send the same form at once
                    feedback = SessionFeedback.objects.create(session=session, ticket=ticket, **values)
            except IntegrityError:
                feedback = SessionFeedback.objects.select_for_update().get(session=session, ticket=ticket)
                created = False
        if not created:
            for field, value in values.items():
                setattr(feedback, field, value)
            feedback.save(update_fields=[*values, "updated_at"])
        log(
            instance=feedback,
            action="participation.session_feedback_given",
            data={"session": session.pk, "rating": rating, "replaced": not created},
        )
    return feedback, created


def _finished_days(now):
    """(event id, day) of every event day whose sessions have all ended within INVITE_WITHIN."""
    local_day = timezone.localdate
    days = {}
    rows = (
        Session.objects.exclude(session_type=SessionType.BREAK)
        .filter(ends_at__gte=now - INVITE_WITHIN - timedelta(days=1))
        .values_list("event_id", "starts_at", "ends_at")
    )
    for event_id, starts_at, ends_at in rows:
        key = (event_id, local_day(starts_at))
        days[key] = max(days.get(key, ends_at), ends_at)
    return [key for key, last_end in days.items() if now - INVITE_WITHIN <= last_end <= now]


def send_feedback_invitations(now=None):
    """Invite, once, every ticket admitted to sessions of a day whose sessions have all ended: one e-mail
    listing that day's sessions to rate. Returns how many invitations were made."""
    now = now or timezone.now()
    made = 0
    for event_id, day in _finished_days(now):
        scans = CheckIn.objects.filter(
            checkin_list__event_id=event_id,
            successful=True,
            type=CheckInType.ENTRY,
            annulled_at__isnull=True,
            created_at__date=day,
        )
        already = FeedbackInvitation.objects.filter(day=day).values("ticket_id")
        ticket_ids = scans.exclude(ticket_id__in=already).values_list("ticket_id", flat=True).distinct()
        tickets = Ticket.objects.filter(pk__in=list(ticket_ids)).select_related("order")
        for ticket in tickets:
            if not (ticket.email or ticket.order.email):
                continue
            session_ids = [
                pk
                for pk, starts_at in Session.objects.filter(
                    pk__in=queries.admitted_session_ids(ticket, now)
                ).values_list("pk", "starts_at")
                if timezone.localdate(starts_at) == day
            ]
            if not session_ids:
                continue
            try:
                with transaction.atomic():
                    invitation = FeedbackInvitation.objects.create(
                        ticket=ticket, day=day, sessions=len(session_ids), sent_at=now
                    )
                    enqueue(send_feedback_invitation, invitation.pk, session_ids)
            except IntegrityError:
                continue  # another run invited this ticket for this day a moment ago
            made += 1
    return made
