"""Name badges: what one shows, the paper it is printed on, and the PDF of many for pre-printing.

A badge shows the attendee's name, organisation, their category as a coloured band that also names
it in words (readable in black and white), and the ticket's QR code, so a badged attendee can still
be scanned at a session door. Organisers choose the paper per ticket type (`BadgeSettings`); the
gate's print page (checkin/badge_views.py) and the bulk PDF (`badges_pdf`) draw the same content.
"""

import io
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.crypto import get_random_string

from checkin.models import BadgeJob, BadgeJobStatus, BadgeLayout, BadgeSettings, CheckIn
from checkin.presenters import category_label
from core.pdf import pdf_font
from core.qr import qr_image
from core.tasks import enqueue
from registration.models import AttendeeCategory, OrderStatus, SeatStatus, Ticket, TicketStatus


@dataclass(frozen=True)
class Paper:
    width_mm: float
    height_mm: float


PAPER = {
    BadgeLayout.A6: Paper(105, 148),
    BadgeLayout.LABEL_62: Paper(62, 100),
}

# Dark enough for white text (contrast 5:1 or more); the band also carries the category's name.
CATEGORY_COLOURS = {
    AttendeeCategory.CITIZEN: "#2e7d32",
    AttendeeCategory.BUSINESS: "#1565c0",
    AttendeeCategory.GOVERNMENT: "#c62828",
    AttendeeCategory.STUDENT: "#b45309",
    AttendeeCategory.PRESS: "#6a1b9a",
    AttendeeCategory.INTERNATIONAL_GUEST: "#00695c",
}
OTHER_COLOUR = "#37474f"
# Bulk PDFs hold attendees' names: a job and its file are deleted this long after it was made.
KEEP_JOBS = timedelta(days=14)
# The PDF is written in steps: one progress update (one query) per this many badges.
PROGRESS_EVERY = 25


def category_colour(category):
    return CATEGORY_COLOURS.get(category, OTHER_COLOUR)


def layout_for(ticket_type):
    """The ticket type's layout (A6 unless organisers chose another); reads `badge_settings` once."""
    try:
        return BadgeLayout(ticket_type.badge_settings.layout)
    except BadgeSettings.DoesNotExist:
        return BadgeLayout.A6


def offline_badges(checkin_list, ticket_types):
    """What the scanner needs to print a badge with no network (the offline bundle's `badges`): the
    event's title, each ticket type's paper and names, each category's colour and names, in every
    language (a badge speaks its attendee's language, as on the print page)."""
    languages = [code for code, _name in settings.LANGUAGES]
    settings_by_type = dict(
        BadgeSettings.objects.filter(ticket_type__in=ticket_types).values_list("ticket_type_id", "layout")
    )
    categories, names = {}, {}
    for language in languages:
        with translation.override(language):
            for value in AttendeeCategory.values:
                entry = categories.setdefault(value, {"colour": category_colour(value), "label": {}})
                entry["label"][language] = category_label(value)
            for ticket_type in ticket_types:
                names.setdefault(str(ticket_type.pk), {})[language] = str(ticket_type.name)
    return {
        "event": str(checkin_list.event.title),
        "other_colour": OTHER_COLOUR,
        "categories": categories,
        "ticket_types": {
            str(ticket_type.pk): {
                "layout": settings_by_type.get(ticket_type.pk, BadgeLayout.A6),
                "name": names[str(ticket_type.pk)],
            }
            for ticket_type in ticket_types
        },
    }


def with_badge_data(tickets):
    """Tickets with what a badge reads, in one query (the settings row is a nullable reverse join)."""
    return tickets.select_related("order__event", "ticket_type__badge_settings")


def admitted_at(ticket_id, checkin_list):
    """Whether the ticket has an entry that counts on this list: the gate may print only its own admissions."""
    return CheckIn.objects.filter(
        ticket_id=ticket_id,
        checkin_list=checkin_list,
        type="entry",
        successful=True,
        annulled_at__isnull=True,
    ).exists()


def badge_ticket(ticket_id, checkin_list):
    """The ticket to print at this list's gate, or None when it was not admitted there."""
    if not admitted_at(ticket_id, checkin_list):
        return None
    return with_badge_data(Ticket.objects.filter(pk=ticket_id, order__event_id=checkin_list.event_id)).first()


def tickets_for_job(job):
    """The valid, confirmed tickets of the job's list (its ticket types and session) or ticket type."""
    tickets = Ticket.objects.filter(status=TicketStatus.VALID, order__status=OrderStatus.CONFIRMED)
    if job.ticket_type_id:
        tickets = tickets.filter(ticket_type_id=job.ticket_type_id)
    if job.checkin_list_id:
        checkin_list = job.checkin_list
        tickets = tickets.filter(order__event_id=checkin_list.event_id)
        if checkin_list.admitted_type_ids:
            tickets = tickets.filter(ticket_type_id__in=checkin_list.admitted_type_ids)
        if checkin_list.session_id:
            tickets = tickets.filter(
                seats__session_id=checkin_list.session_id, seats__status=SeatStatus.CONFIRMED
            )
    return with_badge_data(tickets).order_by("attendee_name", "pk")


def draw_badge(pdf, ticket, layout):
    """One badge on the canvas's current page, sized for `layout`."""
    from reportlab.lib.colors import HexColor, white
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader

    paper = PAPER[layout]
    width, height = paper.width_mm * mm, paper.height_mm * mm
    pdf.setPageSize((width, height))
    margin = 5 * mm
    regular, bold = pdf_font(), pdf_font(bold=True)
    scale = paper.width_mm / PAPER[BadgeLayout.A6].width_mm

    event = ticket.order.event
    y = height - margin - 9 * scale
    pdf.setFont(regular, 9 * scale)
    pdf.drawCentredString(width / 2, y, _fit(pdf, str(event.title), regular, 9 * scale, width - 2 * margin))

    y -= 16 * scale * 1.6
    name_size = _shrink(pdf, ticket.attendee_name, bold, 20 * scale, width - 2 * margin)
    pdf.setFont(bold, name_size)
    pdf.drawCentredString(width / 2, y, ticket.attendee_name)
    if ticket.organisation:
        y -= 14 * scale
        pdf.setFont(regular, 11 * scale)
        pdf.drawCentredString(
            width / 2, y, _fit(pdf, ticket.organisation, regular, 11 * scale, width - 2 * margin)
        )

    band = 12 * mm * scale
    # The code as large as the room between the text and the band allows, centred in it.
    room = y - margin - band - margin
    size = min(width - 2 * margin, room)
    pdf.drawImage(
        ImageReader(qr_image(ticket.secret, box_size=8)),
        (width - size) / 2,
        band + margin + (room - size) / 2,
        size,
        size,
    )

    pdf.setFillColor(HexColor(category_colour(ticket.category)))
    pdf.rect(0, 0, width, band, stroke=0, fill=1)
    pdf.setFillColor(white)
    pdf.setFont(bold, 12 * scale)
    label = f"{category_label(ticket.category)} · {ticket.ticket_type.name}"
    pdf.drawCentredString(width / 2, band / 2 - 4 * scale, _fit(pdf, label, bold, 12 * scale, width - margin))
    pdf.setFillColor(HexColor("#000000"))
    pdf.showPage()


def _shrink(pdf, text, font, size, room):
    """The largest size up to `size` (not under 60% of it) at which `text` fits in `room` points."""
    floor = size * 0.6
    while size > floor and pdf.stringWidth(text, font, size) > room:
        size -= 0.5
    return size


def _fit(pdf, text, font, size, room):
    """`text`, cut with an ellipsis where it would overflow `room` points."""
    if pdf.stringWidth(text, font, size) <= room:
        return text
    while text and pdf.stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text + "…"


def badges_pdf(tickets, on_progress=None):
    """The PDF bytes of one badge a page, each on its ticket type's paper; `on_progress(done)` now and then."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setTitle("Badges")
    done = 0
    for ticket in tickets:
        # In the attendee's language: an international guest reads "International guest".
        with translation.override(ticket.order.language):
            draw_badge(pdf, ticket, layout_for(ticket.ticket_type))
        done += 1
        if on_progress and done % PROGRESS_EVERY == 0:
            on_progress(done)
    pdf.save()
    return buffer.getvalue()


def start_job(*, user, checkin_list=None, ticket_type=None):
    """Record a bulk badge job and queue its worker (checkin/tasks.py); returns the job."""
    # checkin.tasks imports this module: the task is imported when a job starts.
    from checkin.tasks import generate_badges

    delete_old_jobs()
    job = BadgeJob.objects.create(created_by=user, checkin_list=checkin_list, ticket_type=ticket_type)
    enqueue(generate_badges, job.pk)
    return job


def delete_old_jobs(now=None):
    """Delete jobs made more than KEEP_JOBS ago, with their files (retention of the names they hold)."""
    old = BadgeJob.objects.filter(created_at__lt=(now or timezone.now()) - KEEP_JOBS)
    for job in old:
        if job.file:
            job.file.delete(save=False)
    return old.delete()[0]


def run_job(job_id):
    """Draw the job's badges into default storage, recording progress as it goes (the worker's body)."""
    job = BadgeJob.objects.select_related("checkin_list").get(pk=job_id)
    if job.status == BadgeJobStatus.DONE:
        return job  # a redelivered task (acks_late) does not draw the file twice
    tickets = tickets_for_job(job)
    job.total = tickets.count()
    job.done = 0
    job.status = BadgeJobStatus.RUNNING
    job.save(update_fields=["total", "done", "status"])

    def progress(done):
        BadgeJob.objects.filter(pk=job.pk).update(done=done)

    try:
        content = badges_pdf(tickets.iterator(chunk_size=500), on_progress=progress)
    except Exception:
        BadgeJob.objects.filter(pk=job.pk).update(status=BadgeJobStatus.FAILED, finished_at=timezone.now())
        raise
    # A random name: the file holds attendees' names, and its name must not be guessable.
    job.file.save(f"badges-{job.pk}-{get_random_string(24)}.pdf", ContentFile(content), save=False)
    job.done = job.total
    job.status = BadgeJobStatus.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["file", "done", "status", "finished_at"])
    return job
