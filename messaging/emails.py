"""Messages to people, built in the recipient's language (the order's); `services` sends and records them."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.links import absolute_url
from registration import tokens
from registration.emails import attach_inline_qr, ticket_cid
from registration.models import SeatStatus

UNSUBSCRIBE_SALT = "messaging.unsubscribe"


def recipient_of(ticket) -> str:
    """Where a ticket's messages go: its attendee's own address, else the address of whoever ordered it."""
    return ticket.email or ticket.order.email


def _render(template, context, subject, to, language):
    text = render_to_string(f"messaging/email/{template}.txt", context)
    html = render_to_string(f"messaging/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    return message


def reminder_message(ticket, session=None) -> EmailMultiAlternatives:
    """The reminder for `ticket` before its event, or before `session` (a workshop it holds a seat in):
    the QR ticket inline, the venue map and the ticket's workshops."""
    order = ticket.order
    language = order.language
    with translation.override(language):
        event = order.event.localized_for(language)
        manage_token = tokens.manage_token(order)
        workshops = [
            seat.session
            for seat in ticket.seats.filter(status=SeatStatus.CONFIRMED)
            .select_related("session__room")
            .order_by("session__starts_at")
        ]
        has_map = order.event.floor_plans.exists()
        context = {
            "ticket": ticket,
            "event": event,
            "session": session,
            "workshops": workshops,
            "qr_cid": ticket_cid(ticket),
            "ticket_url": absolute_url(reverse("registration:ticket", args=[manage_token, ticket.pk])),
            "manage_url": absolute_url(reverse("registration:manage", args=[manage_token])),
            "map_url": absolute_url(reverse("exhibitors:venue_map", args=[order.event_id]))
            if has_map
            else "",
            "language": language,
        }
        if session is None:
            subject = _("Reminder: %(event)s starts soon") % {"event": event.title}
        else:
            subject = _("Reminder: your workshop “%(session)s” starts soon") % {"session": session.title}
        message = _render("reminder", context, subject, recipient_of(ticket), language)
    # multipart/related so the HTML shows the QR code through its Content-ID.
    message.mixed_subtype = "related"
    attach_inline_qr(message, ticket.secret, context["qr_cid"], f"ticket-{ticket.pk}.png")
    return message


def schedule_change_message(ticket, change) -> EmailMultiAlternatives:
    """What moved in a session the ticket holds a seat in: time and room, before → after."""
    order = ticket.order
    language = order.language
    with translation.override(language):
        event = order.event.localized_for(language)
        session = change.session
        context = {
            "ticket": ticket,
            "event": event,
            "session": session,
            "change": change,
            "old_room": change.old_room.name if change.old_room else _("not set"),
            "new_room": change.new_room.name if change.new_room else _("not set"),
            "manage_url": absolute_url(reverse("registration:manage", args=[tokens.manage_token(order)])),
            "language": language,
        }
        subject = _("Schedule change: %(session)s") % {"session": session.title}
        message = _render("schedule_change", context, subject, recipient_of(ticket), language)
    return message


def unsubscribe_token(email: str) -> str:
    """A signed token naming an address, for the link that stops announcements to it."""
    return signing.dumps(email.lower(), salt=UNSUBSCRIBE_SALT)


def email_of_unsubscribe_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def announcement_message(announcement, recipient) -> EmailMultiAlternatives:
    """The announcement in the recipient's language, with the link that unsubscribes them (no queries)."""
    language = recipient.language if recipient.language in ("vi", "en") else "vi"
    with translation.override(language):
        subject = getattr(announcement, f"subject_{language}") or announcement.subject_vi
        body = getattr(announcement, f"body_{language}") or announcement.body_vi
        unsubscribe_url = absolute_url(
            reverse("messaging:unsubscribe", args=[unsubscribe_token(recipient.email)])
        )
        context = {"subject": subject, "body": body, "unsubscribe_url": unsubscribe_url, "language": language}
        message = _render("announcement", context, subject, recipient.email, language)
    # Mail clients show their own "unsubscribe" button from this header (RFC 2369).
    message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    return message
