"""Background work of participation (runs inline when there is no broker): feedback invitations."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from events.models import Session
from participation import links
from participation.models import FeedbackInvitation


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_feedback_invitation(invitation_id, session_ids):
    """E-mail one ticket's holder the links to rate the day's sessions, in the order's language."""
    invitation = FeedbackInvitation.objects.select_related("ticket__order").filter(pk=invitation_id).first()
    if invitation is None:
        return
    ticket = invitation.ticket
    recipient = ticket.email or ticket.order.email
    if not recipient:
        return
    language = ticket.order.language or "vi"
    with translation.override(language):
        sessions = [
            {
                "title": session.title,
                "starts_at": session.starts_at,
                "url": links.feedback_url(ticket.pk, session.pk),
            }
            for session in Session.objects.filter(pk__in=session_ids).order_by("starts_at", "pk")
        ]
        context = {"ticket": ticket, "sessions": sessions, "day": invitation.day}
        subject = render_to_string("participation/email/feedback_invitation_subject.txt", context)
        body = render_to_string("participation/email/feedback_invitation.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=False)


@shared_task
def send_feedback_invitations():
    """Celery beat: invite admitted attendees once their day of sessions is over."""
    # why: services import this module for the e-mail task; importing them at the top would be a circle
    from participation.services import feedback

    return feedback.send_feedback_invitations()
