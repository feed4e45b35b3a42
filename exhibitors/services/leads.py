"""Leads: an exhibitor scans a visitor's ticket at its booth, rates and notes the contact, exports the list.

A visitor's name and contact details are kept only if they agreed to share them with exhibitors.
"""

import csv

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.exports import spreadsheet_safe
from exhibitors.errors import ExhibitorError
from exhibitors.models import HOLDING_STATUSES, Lead
from registration.models import Ticket, TicketStatus


@transaction.atomic
def record_lead(exhibitor, *, secret, user):
    """Save the visitor behind a scanned ticket QR; name and contact only if they opted in.

    Returns (lead, created). Scanning the same ticket twice returns the first lead.
    """
    secret = (secret or "").strip()
    ticket = Ticket.objects.filter(secret=secret).first() if secret else None
    if ticket is None or ticket.status != TicketStatus.VALID:
        raise ExhibitorError(_("This is not a valid ticket of the event."), code="invalid")
    # Only visitors of an event where this company exhibits: a booth cannot harvest other events' tickets.
    events = exhibitor.applications.filter(status__in=HOLDING_STATUSES).values("event_id")
    if not Ticket.objects.filter(pk=ticket.pk, ticket_type__event_id__in=events).exists():
        raise ExhibitorError(_("This ticket is for an event where you do not exhibit."), code="wrong_event")
    existing = Lead.objects.filter(exhibitor=exhibitor, ticket=ticket).first()
    if existing is not None:
        return existing, False
    shared = bool(ticket.share_with_exhibitors)
    lead = Lead(exhibitor=exhibitor, ticket=ticket, shared=shared, scanned_by=user)
    if shared:
        lead.name = ticket.attendee_name
        lead.organisation = ticket.organisation
        lead.job_title = ticket.job_title
        lead.email = ticket.email
    try:
        with transaction.atomic():
            lead.save()
    except IntegrityError:
        return Lead.objects.get(exhibitor=exhibitor, ticket=ticket), False
    log(
        instance=lead,
        action="exhibitors.lead_scanned",
        user=user,
        data={"exhibitor": exhibitor.pk, "shared": shared},
    )
    return lead, True


@transaction.atomic
def update_lead(lead, *, user, note, rating):
    if rating is not None and not 1 <= int(rating) <= 5:
        raise ExhibitorError(_("A rating is 1 to 5 stars."), code="invalid_rating")
    lead.note = note or ""
    lead.rating = rating
    lead.save(update_fields=["note", "rating"])
    log(instance=lead, action="exhibitors.lead_updated", user=user)
    return lead


def write_leads_csv(exhibitor, out, *, user):
    """The exhibitor's leads as CSV rows on `out` (formula-safe cells), recorded in the audit log."""
    writer = csv.writer(out)
    writer.writerow(
        [_("Scanned at"), _("Name"), _("Organisation"), _("Job title"), _("E-mail"), _("Rating"), _("Note")]
    )
    anonymous = _("A visitor who did not share details")
    for lead in exhibitor.leads.order_by("created_at"):
        writer.writerow(
            [
                lead.created_at.isoformat(timespec="minutes"),
                spreadsheet_safe(lead.name) if lead.shared else anonymous,
                spreadsheet_safe(lead.organisation),
                spreadsheet_safe(lead.job_title),
                spreadsheet_safe(lead.email),
                lead.rating or "",
                spreadsheet_safe(lead.note),
            ]
        )
    log(instance=exhibitor, action="exhibitors.leads_exported", user=user)
