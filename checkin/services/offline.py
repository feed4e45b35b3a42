"""The offline bundle: what a scanner needs to go on scanning one list when the network fails.

The list's rules and, for every ticket of its event, what the rules read: a SHA-256 hash of the
secret (never the secret: a lost phone must not leak valid tickets), the attendee's name and
organisation (for the answer and the manual search), the ticket type and category, the refusal that
depends on the ticket alone (`rules.ticket_refusal`), the attention notes, its admissions on the
list so far, and its order's language, in which the scanner prints its badge (with `badges`). E-mail
and phone stay on the server. Rows are arrays under `columns`: 20,000 tickets fit in well under
1.5 MB compressed.

`since` (the `cursor` of an earlier bundle) returns only the tickets that changed after it: new
tickets, their orders' changes (cancellations, payments, approvals: `Order.updated_at`), seats in
the list's session, and scans on the list (made, uploaded or undone). A change made to a ticket alone
(an organiser editing a name) reaches devices with their next full download, which the scanner makes
each time it opens.
"""

import hashlib
from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from checkin.badges import offline_badges
from checkin.models import CheckIn, CheckInType
from checkin.presenters import list_data
from checkin.services.redeem import CheckinError
from checkin.services.rules import attention_for, ticket_refusal
from registration.models import SeatStatus, SessionSeat, Ticket, TicketType

COLUMNS = [
    "id",
    "hash",
    "name",
    "organisation",
    "order_reference",
    "ticket_type",
    "category",
    "refusal",  # [reason, detail, before_hours] or null: rules.ticket_refusal
    "attention",  # notes for an admitted ticket (press, guest type, a note for staff)
    "first_entry",  # [ISO time, gate, by] of its first counted entry on this list, or null
    "inside",  # its last counted scan on this list is an entry
    "language",  # its order's: the language its badge is printed in
]
# Transactions that started before a bundle was read may commit after it, with earlier times: the
# next `since` reaches back this far (a ticket sent twice is harmless; one missed is not).
CURSOR_OVERLAP = timedelta(minutes=2)


def secret_hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_cursor(value):
    """The time an earlier bundle's cursor stands for; CheckinError if it is not one."""
    try:
        moment = parse_datetime(value or "")
    except ValueError:  # the right shape, an impossible date
        moment = None
    if moment is None or timezone.is_naive(moment):
        raise CheckinError(_("The since parameter must be the cursor of an earlier bundle."), "bad_request")
    return moment


def offline_bundle(checkin_list, since=None):
    """The bundle as a dict; `since` (a datetime from `parse_cursor`) for the changes only."""
    started = timezone.now()
    tickets = Ticket.objects.filter(order__event_id=checkin_list.event_id)
    scans = CheckIn.objects.filter(checkin_list=checkin_list, ticket__isnull=False)
    if since is not None:
        changed_scans = scans.filter(
            Q(created_at__gte=since) | Q(uploaded_at__gte=since) | Q(annulled_at__gte=since)
        ).values("ticket_id")
        changed = Q(created_at__gte=since) | Q(order__updated_at__gte=since) | Q(pk__in=changed_scans)
        if checkin_list.session_id:
            seats = SessionSeat.objects.filter(session_id=checkin_list.session_id).filter(
                Q(created_at__gte=since) | Q(promoted_at__gte=since)
            )
            changed |= Q(pk__in=seats.values("ticket_id"))
        tickets = tickets.filter(changed)
    if checkin_list.session_id:
        tickets = tickets.annotate(
            has_seat=Exists(
                SessionSeat.objects.filter(
                    ticket_id=OuterRef("pk"), session_id=checkin_list.session_id, status=SeatStatus.CONFIRMED
                )
            )
        )
    fields = [
        "id",
        "secret",
        "attendee_name",
        "organisation",
        "order__reference",
        "ticket_type_id",
        "category",
        "status",
        "order__status",
        "note_for_staff",
        "order__language",
    ]
    rows = list(
        tickets.order_by("id").values_list(*fields, *(["has_seat"] if checkin_list.session_id else []))
    )
    admissions = _admissions(scans, tickets.values("pk") if since is not None else None)
    types = {item.pk: item for item in TicketType.objects.filter(event_id=checkin_list.event_id)}
    out = []
    for row in rows:
        ticket_id, secret, name, organisation, reference, type_id, category, status, order_status, note = row[
            :10
        ]
        language = row[10]
        has_seat = bool(row[11]) if checkin_list.session_id else False
        refusal = ticket_refusal(checkin_list, status, order_status, type_id, has_seat)
        first_entry, inside = admissions.get(ticket_id, (None, False))
        ticket_type = types.get(type_id)
        out.append(
            [
                ticket_id,
                secret_hash(secret),
                name,
                organisation,
                reference,
                type_id,
                category,
                [str(refusal[0]), refusal[1], refusal[2]] if refusal else None,
                attention_for(category, ticket_type, note) if ticket_type and refusal is None else [],
                first_entry,
                inside,
                language,
            ]
        )
    return {
        "list": list_data(checkin_list),
        "ticket_types": {str(pk): str(item.name) for pk, item in types.items()},
        "badges": offline_badges(checkin_list, list(types.values())),
        "generated_at": started.isoformat(),
        "cursor": (started - CURSOR_OVERLAP).isoformat(),
        "since": since.isoformat() if since else None,
        "columns": COLUMNS,
        "tickets": out,
    }


def _admissions(scans, ticket_ids):
    """{ticket id: (first entry [time, gate, by] or None, inside)} from the counted scans on the list."""
    counted = scans.filter(successful=True, annulled_at__isnull=True)
    if ticket_ids is not None:
        counted = counted.filter(ticket_id__in=ticket_ids)
    rows = counted.order_by("created_at", "id").values_list(
        "ticket_id", "type", "created_at", "gate", "device__name", "user__username"
    )
    state = {}
    for ticket_id, scan_type, created_at, gate, device_name, username in rows:
        first, _inside = state.get(ticket_id, (None, False))
        if first is None and scan_type == CheckInType.ENTRY:
            first = [created_at.isoformat(), gate, device_name or username or ""]
        state[ticket_id] = (first, scan_type == CheckInType.ENTRY)
    return state
