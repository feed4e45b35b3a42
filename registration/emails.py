"""E-mails about an order, in the attendee's language: HTML and text, QR codes inline, calendar attached.

Only builds the message; `services.emails` queues, sends and records it."""

from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.links import absolute_url
from core.qr import qr_png
from core.tasks import render_plain_text
from events.models import Session

from . import tokens
from .bank_details import order_payment_details
from .documents import order_ics
from .models import Order, OrderStatus, SeatStatus, TicketStatus

BANK_KINDS = ("pay_by_bank", "bank_reminder")


def _subjects():
    return {
        "confirm_email": _("Confirm your registration: %(event)s"),
        "confirmation": _("Your tickets: %(event)s"),
        "awaiting_approval": _("Your registration is waiting for approval: %(event)s"),
        "approved_pay": _("Your registration is approved: please pay — %(event)s"),
        "rejected": _("Your registration was not approved: %(event)s"),
        "cancelled": _("Your registration is cancelled: %(event)s"),
        "promoted": _("A workshop seat is yours: %(event)s"),
        "late_payment_refunded": _("Sold out: your payment is refunded — %(event)s"),
        "payment_failed": _("Your payment did not go through: %(event)s"),
        "pay_by_bank": _("Pay by bank transfer: %(event)s"),
        "bank_reminder": _("Reminder: your places are waiting for your transfer — %(event)s"),
        "bank_refund_due": _("Sold out: we will refund your transfer — %(event)s"),
    }


def build_message(order: Order, kind: str, extra=None) -> EmailMultiAlternatives | None:
    extra = extra or {}
    if not order.email:
        return None
    with translation.override(order.language):
        event = order.event.localized_for(order.language)
        manage_token = tokens.manage_token(order)
        tickets = []
        if order.status == OrderStatus.CONFIRMED and kind in ("confirmation", "promoted"):
            for ticket in order.tickets.filter(status=TicketStatus.VALID).select_related("ticket_type"):
                ticket.cid = ticket_cid(ticket)
                ticket.page_url = absolute_url(reverse("registration:ticket", args=[manage_token, ticket.pk]))
                ticket.workshops = list(ticket.seats.select_related("session").order_by("session__starts_at"))
                tickets.append(ticket)
        bank = None
        if kind in BANK_KINDS and order.status == OrderStatus.PENDING_PAYMENT:
            bank = order_payment_details(order)
        promoted_session = None
        if kind == "promoted":
            promoted_session = Session.objects.filter(pk=extra.get("session_id")).first()
        context = {
            "order": order,
            "event": event,
            "kind": kind,
            "tickets": tickets,
            "seat_confirmed": SeatStatus.CONFIRMED,
            "manage_url": absolute_url(reverse("registration:manage", args=[manage_token])),
            "confirm_url": absolute_url(
                reverse("registration:confirm_email", args=[tokens.confirm_token(order)])
            ),
            "pay_url": absolute_url(reverse("registration:pay", args=[manage_token])),
            "refunded": extra.get("refunded", 0),
            "promoted_session": promoted_session,
            "bank": bank,
            "bank_qr_cid": "vietqr@danang-digital-day",
            "site_url": settings.SITE_URL,
        }
        subject = _subjects()[kind] % {"event": event.title}
        text = render_plain_text("registration/email/message.txt", context)
        html = render_to_string("registration/email/message.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [order.email])
    message.attach_alternative(html, "text/html")
    if tickets:
        # multipart/related so the HTML can show each QR code through its Content-ID.
        message.mixed_subtype = "related"
        for ticket in tickets:
            attach_inline_qr(message, ticket.secret, ticket.cid, f"ticket-{ticket.pk}.png")
        message.attach(f"{order.reference}.ics", order_ics(order), "text/calendar")
    if bank:
        # The same VietQR code as on the payment page, inline, for whoever closed the page.
        message.mixed_subtype = "related"
        attach_inline_qr(message, bank.payload, context["bank_qr_cid"], f"vietqr-{order.reference}.png")
    return message


def ticket_cid(ticket) -> str:
    """The Content-ID by which an e-mail's HTML shows the ticket's QR code."""
    return f"qr-{ticket.pk}@danang-digital-day"


def attach_inline_qr(message, payload, cid, filename):
    """Attach a QR code of `payload` that the HTML shows as `cid:<cid>` (the message must be
    multipart/related)."""
    image = MIMEImage(qr_png(payload, box_size=8), "png")
    image.add_header("Content-ID", f"<{cid}>")
    image.add_header("Content-Disposition", "inline", filename=filename)
    message.attach(image)
