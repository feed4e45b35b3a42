"""Counts for the live dashboard and the device API's list status: who is registered, in, inside."""

from collections import Counter, OrderedDict
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from checkin.models import CheckIn, CheckInList, CheckInType, Reason
from registration.models import (
    AttendeeCategory,
    OrderStatus,
    SeatStatus,
    SessionSeat,
    Ticket,
    TicketStatus,
    TicketType,
)

BUCKET_MINUTES = 15


def counted_checkins():
    """Scans that let someone through: successful and not undone."""
    return CheckIn.objects.filter(successful=True, annulled_at__isnull=True)


def admitted_tickets(checkin_list):
    """The tickets this list would admit today: the 'registered' side of 'checked in / registered'."""
    states = [OrderStatus.CONFIRMED]
    if checkin_list.admit_pending_approval:
        states.append(OrderStatus.PENDING_APPROVAL)
    if checkin_list.admit_unpaid:
        states.append(OrderStatus.PENDING_PAYMENT)
    tickets = Ticket.objects.filter(
        order__event_id=checkin_list.event_id, order__status__in=states, status=TicketStatus.VALID
    )
    type_ids = [ticket_type.pk for ticket_type in checkin_list.ticket_types.all()]
    if type_ids:
        tickets = tickets.filter(ticket_type_id__in=type_ids)
    if checkin_list.session_id:
        tickets = tickets.filter(
            seats__session_id=checkin_list.session_id, seats__status=SeatStatus.CONFIRMED
        )
    return tickets


def _inside(rows):
    """Tickets whose last counted scan on a list is an entry. `rows`: (list, ticket, type) by time."""
    last = {}
    for list_id, ticket_id, scan_type in rows:
        last[(list_id, ticket_id)] = scan_type
    return {ticket_id for (list_id, ticket_id), scan_type in last.items() if scan_type == CheckInType.ENTRY}


def list_status(checkin_list):
    """For the device API: checked in, registered and inside now, overall and per ticket type."""
    rows = list(
        counted_checkins()
        .filter(checkin_list=checkin_list)
        .order_by("created_at", "id")
        .values_list("ticket_id", "ticket__ticket_type_id", "type", "created_at")
    )
    entered = {}
    for ticket_id, type_id, scan_type, _created in rows:
        if scan_type == CheckInType.ENTRY and ticket_id is not None:
            entered.setdefault(ticket_id, type_id)
    registered_by_type = dict(
        admitted_tickets(checkin_list)
        .values("ticket_type_id")
        .annotate(n=Count("id"))
        .values_list("ticket_type_id", "n")
    )
    entered_by_type = Counter(entered.values())
    types = TicketType.objects.filter(pk__in=set(registered_by_type) | set(entered_by_type)).order_by(
        "sort_order", "id"
    )
    inside = (
        len(_inside((checkin_list.pk, ticket_id, scan_type) for ticket_id, _t, scan_type, _c in rows))
        if checkin_list.record_exits
        else None
    )
    return {
        "list": checkin_list.pk,
        "checked_in": len(entered),
        "registered": sum(registered_by_type.values()),
        "inside": inside,
        "last_checkin_at": rows[-1][3].isoformat() if rows else None,
        "refused": CheckIn.objects.filter(checkin_list=checkin_list, successful=False).count(),
        "by_ticket_type": [
            {
                "id": ticket_type.pk,
                "name": str(ticket_type.name),
                "registered": registered_by_type.get(ticket_type.pk, 0),
                "checked_in": entered_by_type.get(ticket_type.pk, 0),
            }
            for ticket_type in types
        ],
    }


def _arrivals(first_entries, day=None):
    """First entries per 15 minutes on one local day (the latest day with arrivals by default)."""
    if not first_entries:
        return {"day": None, "buckets": [], "max": 0}
    local_times = [timezone.localtime(moment) for moment in first_entries]
    day = day or max(local_times).date()
    counts = Counter()
    for moment in local_times:
        if moment.date() == day:
            minute = moment.minute - moment.minute % BUCKET_MINUTES
            counts[moment.replace(minute=minute, second=0, microsecond=0)] += 1
    if not counts:
        return {"day": day.isoformat(), "buckets": [], "max": 0}
    start, end = min(counts), max(counts)
    buckets = []
    moment = start
    while moment <= end:
        buckets.append({"start": moment.strftime("%H:%M"), "count": counts.get(moment, 0)})
        moment += timedelta(minutes=BUCKET_MINUTES)
    return {"day": day.isoformat(), "buckets": buckets, "max": max(counts.values())}


def event_dashboard(event):
    """Everything the live dashboard shows for one event (its Vietnamese page), in a few queries."""
    lists = list(
        CheckInList.objects.filter(event=event).select_related("session").order_by("valid_from", "id")
    )
    entrance_ids = [item.pk for item in lists if item.session_id is None]
    exits_recorded = {item.pk for item in lists if item.session_id is None and item.record_exits}
    rows = list(
        counted_checkins()
        .filter(checkin_list_id__in=entrance_ids)
        .order_by("created_at", "id")
        .values_list(
            "checkin_list_id",
            "ticket_id",
            "ticket__ticket_type_id",
            "ticket__category",
            "type",
            "gate",
            "created_at",
        )
    )
    first_entry = OrderedDict()
    per_gate = Counter()
    for _list_id, ticket_id, type_id, category, scan_type, gate, created_at in rows:
        if scan_type != CheckInType.ENTRY or ticket_id is None:
            continue
        per_gate[gate or "—"] += 1
        first_entry.setdefault(ticket_id, (type_id, category, created_at))
    inside = (
        len(
            _inside(
                (list_id, ticket_id, t)
                for list_id, ticket_id, _a, _b, t, _g, _c in rows
                if list_id in exits_recorded
            )
        )
        if exits_recorded
        else None
    )

    registered = Ticket.objects.filter(
        order__event=event, order__status=OrderStatus.CONFIRMED, status=TicketStatus.VALID
    )
    registered_pairs = Counter(
        {
            (type_id, category): n
            for type_id, category, n in registered.values("ticket_type_id", "category")
            .annotate(n=Count("id"))
            .values_list("ticket_type_id", "category", "n")
        }
    )
    in_pairs = Counter((type_id, category) for type_id, category, _c in first_entry.values())
    ticket_types = list(TicketType.objects.filter(event=event).order_by("sort_order", "id"))
    by_type = [
        {
            "name": str(ticket_type.name),
            "registered": sum(
                n for (type_id, _c), n in registered_pairs.items() if type_id == ticket_type.pk
            ),
            "checked_in": sum(n for (type_id, _c), n in in_pairs.items() if type_id == ticket_type.pk),
        }
        for ticket_type in ticket_types
    ]
    by_category = [
        {
            "name": str(label),
            "registered": sum(n for (_t, category), n in registered_pairs.items() if category == value),
            "checked_in": sum(n for (_t, category), n in in_pairs.items() if category == value),
        }
        for value, label in AttendeeCategory.choices
    ]

    session_lists = [item for item in lists if item.session_id]
    session_in = dict(
        counted_checkins()
        .filter(checkin_list__in=session_lists, type=CheckInType.ENTRY)
        .values("checkin_list_id")
        .annotate(n=Count("ticket_id", distinct=True))
        .values_list("checkin_list_id", "n")
    )
    seats = dict(
        SessionSeat.objects.filter(
            session_id__in=[item.session_id for item in session_lists], status=SeatStatus.CONFIRMED
        )
        .values("session_id")
        .annotate(n=Count("id"))
        .values_list("session_id", "n")
    )
    sessions = [
        {
            "list": item.name,
            "title": str(item.session.title),
            "starts_at": timezone.localtime(item.session.starts_at).strftime("%d/%m %H:%M"),
            "capacity": item.session.capacity,
            "seats": seats.get(item.session_id, 0),
            "checked_in": session_in.get(item.pk, 0),
        }
        for item in session_lists
    ]
    refused = dict(
        CheckIn.objects.filter(checkin_list__event=event, successful=False)
        .values("reason")
        .annotate(n=Count("id"))
        .values_list("reason", "n")
    )
    total_registered = sum(registered_pairs.values())
    return {
        "conflicts": conflicts(event),
        "event": event.pk,
        "generated_at": timezone.now().isoformat(),
        "checked_in": len(first_entry),
        "registered": total_registered,
        "percent": round(100 * len(first_entry) / total_registered) if total_registered else 0,
        "inside": inside,
        "per_gate": [{"gate": gate, "count": n} for gate, n in sorted(per_gate.items())],
        "by_ticket_type": by_type,
        "by_category": [row for row in by_category if row["registered"] or row["checked_in"]],
        "arrivals": _arrivals([created_at for _t, _c, created_at in first_entry.values()]),
        "sessions": sessions,
        "refused_total": sum(refused.values()),
        "refused": [
            {"reason": str(Reason(reason).label) if reason in Reason.values else reason, "count": n}
            for reason, n in sorted(refused.items())
        ],
    }


def conflicts(event, limit=50):
    """Tickets admitted by two devices while offline: the later scan (a conflict) with the admission
    that came first, newest first. A shared or copied ticket shows up here."""
    rows = (
        CheckIn.objects.filter(checkin_list__event=event, reason=Reason.CONFLICT)
        .select_related(
            "ticket__order", "device", "user", "previous__device", "previous__user", "checkin_list"
        )
        .order_by("-created_at", "-id")[:limit]
    )
    return [
        {
            "ticket": row.ticket.attendee_name if row.ticket_id else "",
            "reference": row.ticket.order.reference if row.ticket_id else "",
            "list": row.checkin_list.name,
            "first_gate": (row.previous.gate or row.previous.by) if row.previous_id else "",
            "first_time": timezone.localtime(row.previous.created_at).strftime("%d/%m %H:%M:%S")
            if row.previous_id
            else "",
            "second_gate": row.gate or row.by,
            "second_time": timezone.localtime(row.created_at).strftime("%d/%m %H:%M:%S"),
        }
        for row in rows
    ]
