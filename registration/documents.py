"""Files made from an order: the ticket PDF (A4) and the calendar (.ics) of the event and chosen workshops."""

import io

from django.utils import timezone, translation

from core import ical
from core.links import absolute_url
from core.pdf import pdf_font
from core.qr import qr_png
from events.exports import add_session
from events.queries import session_url_builder

from .models import SeatStatus, SessionSeat
from .templatetags.money import format_vnd


def ticket_pdf(ticket) -> bytes:
    """An A4 page with the QR code large in the middle, the attendee's name and the event."""
    # reportlab is slow to import; only the PDF download needs it.
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    event = ticket.order.event
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"{event.title} · {ticket.order.reference}")
    width, height = A4
    font = pdf_font()
    pdf.setFont(font, 20)
    pdf.drawCentredString(width / 2, height - 30 * mm, event.title[:60])
    pdf.setFont(font, 12)
    start = timezone.localtime(event.starts_at)
    pdf.drawCentredString(width / 2, height - 40 * mm, f"{start:%H:%M %d/%m/%Y} · {event.venue_name}"[:90])
    size = 110 * mm
    pdf.drawImage(
        ImageReader(io.BytesIO(qr_png(ticket.secret))),
        (width - size) / 2,
        height - 60 * mm - size,
        size,
        size,
    )
    y = height - 75 * mm - size
    pdf.setFont(font, 18)
    pdf.drawCentredString(width / 2, y, ticket.attendee_name[:60])
    pdf.setFont(font, 12)
    with translation.override(ticket.order.language):
        pdf.drawCentredString(
            width / 2,
            y - 10 * mm,
            f"{ticket.ticket_type.name} · {format_vnd(ticket.price)} · {ticket.order.reference}",
        )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def order_ics(order) -> bytes:
    """The event, and each workshop a ticket of the order has a confirmed seat in (the same VEVENT,
    with the same UID, as in the agenda's calendar)."""
    event = order.event
    calendar = ical.new_calendar(event.title)
    with translation.override(order.language):
        ical.add_entry(
            calendar,
            uid=ical.event_uid(event),
            summary=event.title,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            location=", ".join(filter(None, [event.venue_name, event.venue_address])),
        )
        seats = (
            SessionSeat.objects.filter(ticket__order=order, status=SeatStatus.CONFIRMED)
            .select_related("session__room", "session__track")
            .order_by("session__starts_at", "session_id")
        )
        sessions = {seat.session_id: seat.session for seat in seats}
        session_url = session_url_builder(event)
        for session in sessions.values():
            add_session(calendar, session, event, absolute_url(session_url(session)))
    return ical.to_bytes(calendar)
