"""Files made from an order: the ticket PDF (A4) and the calendar (.ics) of the event and chosen workshops."""

from django.utils import timezone, translation


def ticket_pdf(ticket) -> bytes:
    """An A4 page with the QR code large in the middle, the attendee's name and the event."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from .qr import qr_png
    from .templatetags.money import format_vnd

    event = ticket.order.event
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"{event.title} · {ticket.order.reference}")
    width, height = A4
    font = _unicode_font()
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


def _unicode_font():
    """A TrueType font with Vietnamese diacritics when the system has one (DejaVu), else Helvetica."""
    from pathlib import Path

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSans" in pdfmetrics.getRegisteredFontNames():
        return "DejaVuSans"
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf"):
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont("DejaVuSans", path))
            return "DejaVuSans"
    return "Helvetica"


def order_ics(order) -> bytes:
    """The event, and each workshop a ticket of the order has a confirmed seat in."""
    from icalendar import Calendar, Event

    from .models import SeatStatus

    calendar = Calendar()
    calendar.add("prodid", "-//Da Nang Digital Transformation Day//registration//VI")
    calendar.add("version", "2.0")
    event = order.event
    entry = Event()
    entry.add("uid", f"event-{event.pk}@danang-digital-day")
    entry.add("summary", event.title)
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    entry.add("dtstamp", timezone.now())
    if event.venue_name:
        entry.add("location", ", ".join(filter(None, [event.venue_name, event.venue_address])))
    calendar.add_component(entry)
    seen = set()
    from .models import SessionSeat

    with translation.override(order.language):
        for seat in SessionSeat.objects.filter(
            ticket__order=order, status=SeatStatus.CONFIRMED
        ).select_related("session__room"):
            session = seat.session
            if session.pk in seen:
                continue
            seen.add(session.pk)
            item = Event()
            item.add("uid", f"session-{session.guid}@danang-digital-day")
            item.add("summary", session.title)
            item.add("dtstart", session.starts_at)
            item.add("dtend", session.ends_at)
            item.add("dtstamp", timezone.now())
            if session.room_id:
                item.add("location", str(session.room))
            calendar.add_component(item)
    return calendar.to_ical()
