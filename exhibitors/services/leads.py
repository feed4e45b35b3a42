"""Leads: an exhibitor scans a visitor's ticket at its booth, rates and notes the contact, exports the list.

A visitor's name and contact details are kept only if they agreed to share them with exhibitors (and
had not withdrawn that consent by the time of the scan). A visitor who asks for erasure, or whose
event ended more than PRIVACY_RETAIN_LEADS_MONTHS ago, stays a counted scan without details or notes.
"""

import csv
from collections import Counter

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.exports import spreadsheet_safe
from core.personal_data import ERASED_BY_REQUEST, any_filled, months_before
from exhibitors.errors import ExhibitorError
from exhibitors.models import HOLDING_STATUSES, Exhibitor, ExhibitorApplication, Lead
from exhibitors.services.emails import portal_url, send_email
from registration.models import Ticket, TicketStatus

# What a lead holds about the person: their details and the exhibitor's rating and notes about them.
LEAD_PERSONAL_FIELDS = ("name", "organisation", "job_title", "email", "note")


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
    if lead.erased_at is not None:
        # Notes about a visitor who asked for erasure would be a new copy of their data.
        raise ExhibitorError(_("This visitor's details were erased: no notes can be added."), code="erased")
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
    for lead in exhibitor.leads.order_by("created_at", "pk"):
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


def holding_details():
    """Leads that still hold something about the person: their details, or the exhibitor's notes."""
    return any_filled(LEAD_PERSONAL_FIELDS) | Q(rating__isnull=False)


def erase_leads(queryset, now, why) -> int:
    """Empty leads' details, ratings and notes; they stay counted as visitors who did not share details.

    At the visitor's request, each exhibitor concerned is told, in its portal and by e-mail, how many
    of its leads were erased, never whose.
    """
    holding = queryset.filter(holding_details())
    per_exhibitor = Counter(holding.values_list("exhibitor_id", flat=True))
    on_request = why == ERASED_BY_REQUEST
    changed = holding.update(
        **dict.fromkeys(LEAD_PERSONAL_FIELDS, ""),
        rating=None,
        shared=False,
        erased_at=now,
        erased_on_request=on_request,
    )
    if on_request:
        for exhibitor in Exhibitor.objects.filter(pk__in=per_exhibitor).order_by("pk"):
            count = per_exhibitor[exhibitor.pk]
            log(instance=exhibitor, action="exhibitors.leads_erased", data={"count": count})
            send_email("leads_erased", exhibitor.contact_email, {"count": count, "portal_url": portal_url()})
    return changed


def expired_leads(now):
    """Leads whose event ended more than PRIVACY_RETAIN_LEADS_MONTHS ago and still hold details."""
    cutoff = months_before(now, settings.PRIVACY_RETAIN_LEADS_MONTHS)
    ended = Q(ticket__ticket_type__event__ends_at__lt=cutoff) | Q(ticket__isnull=True, created_at__lt=cutoff)
    return Lead.objects.filter(ended).filter(holding_details())


def leads_for_download(ticket_ids) -> list[dict]:
    """Which exhibitors received the person's details (or only counted their visit), when, at which booth."""
    leads = list(
        Lead.objects.filter(ticket_id__in=ticket_ids)
        .select_related("exhibitor", "ticket__ticket_type")
        .order_by("created_at", "pk")
    )
    booths = {
        (a.exhibitor_id, a.event_id): str(a.booth)
        for a in ExhibitorApplication.objects.filter(
            exhibitor_id__in={lead.exhibitor_id for lead in leads}, booth__isnull=False
        ).select_related("booth")
    }
    return [
        {
            "exhibitor": lead.exhibitor.name,
            "scanned_at": lead.created_at.isoformat(),
            "booth": booths.get((lead.exhibitor_id, lead.ticket.ticket_type.event_id), "")
            if lead.ticket
            else "",
            "details_shared": lead.shared,
            "name": lead.name,
            "organisation": lead.organisation,
            "job_title": lead.job_title,
            "email": lead.email,
            "exhibitor_note": lead.note,
            "rating": lead.rating,
            "erased_at": lead.erased_at.isoformat() if lead.erased_at else None,
        }
        for lead in leads
    ]
