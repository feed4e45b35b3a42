"""Scans made offline, uploaded in batches when the network returns.

Each scan carries its own time, list, type and nonce. The server applies the same rules as to a live
scan, at the scan's time, against the ticket's admissions before that time. When two devices
admitted the same ticket while offline, both scans are recorded: the first by scan time is the
admission, the other is refused as a `conflict` pointing at it (the dashboard lists them), whichever
arrived first. Idempotent by nonce: a batch sent again records nothing and answers the same.

One transaction per batch, the batch's tickets locked in id order (two batches touching the same
tickets wait for each other and never deadlock), and a fixed number of statements whatever its size.
"""

from dataclasses import dataclass
from datetime import UTC, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from checkin.access import lists_for_device
from checkin.models import CheckIn, CheckInType, Reason
from checkin.services.redeem import (
    MAX_RAW_CODE_LENGTH,
    RedeemResult,
    is_same_request,
    is_well_formed,
)
from checkin.services.rules import evaluate_scan
from registration.models import SeatStatus, SessionSeat, Ticket

MAX_BATCH = 500
# A device whose clock runs ahead cannot record a scan in the future.
CLOCK_SKEW = timedelta(minutes=5)


@dataclass
class UploadResult:
    """One uploaded scan's outcome: `result` is `ok`, a refusal reason (`conflict` among them), or
    an error word for a scan that could not be evaluated (`unknown_list`, `exits_not_recorded`,
    `nonce_reused`)."""

    nonce: str
    result: str
    checkin: CheckIn | None = None
    previous: CheckIn | None = None
    detail: str = ""

    @property
    def redeem_result(self):
        return RedeemResult(checkin=self.checkin, previous=self.previous, detail=self.detail)


def upload_scans(device, scans):
    """Record a batch of offline scans (dicts: secret or ticket, list, nonce, scanned_at, type, gate)
    made by `device`; returns one UploadResult per scan, in the batch's order."""
    try:
        return _upload(device, scans)
    except IntegrityError:
        # The same batch raced in on another connection (a retry sent before the first answer came
        # back): its nonces are now taken, and a second pass answers them as replays.
        return _upload(device, scans)


def _upload(device, scans):
    now = timezone.now()
    results = [None] * len(scans)
    with transaction.atomic():
        lists = {item.pk: item for item in lists_for_device(device).filter(pk__in={s["list"] for s in scans})}
        existing = {
            (row.checkin_list_id, row.nonce): row
            for row in CheckIn.objects.filter(
                device_id=device.pk, checkin_list_id__in=list(lists), nonce__in={s["nonce"] for s in scans}
            )
            .annotate(ticket_secret=F("ticket__secret"))
            .select_related("previous__device", "previous__user")
        }
        tickets = _locked_tickets(scans, lists)
        by_secret = {ticket.secret: ticket for ticket in tickets.values()}
        seats = _seats(tickets, lists)
        history, own_conflicts = {}, {}
        counted = Q(successful=True, annulled_at__isnull=True) | Q(
            reason=Reason.CONFLICT, device_id=device.pk
        )
        for row in (
            CheckIn.objects.filter(counted, ticket_id__in=list(tickets), checkin_list_id__in=list(lists))
            .select_related("device", "user")
            .order_by("created_at", "id")
        ):
            rows = history if row.successful else own_conflicts
            rows.setdefault((row.ticket_id, row.checkin_list_id), []).append(row)

        new_rows, links, superseded = [], {}, {}
        # First by scan time: the batch in its scans' order (a device's queue is, but two devices'
        # merged by a proxy need not be).
        order = sorted(range(len(scans)), key=lambda index: (_scan_time(scans[index], now), index))
        for index in order:
            scan = scans[index]
            checkin_list = lists.get(scan["list"])
            if checkin_list is None:
                results[index] = UploadResult(
                    scan["nonce"], "unknown_list", detail=_("No such check-in list for this device.")
                )
                continue
            if scan["type"] == CheckInType.EXIT and not checkin_list.record_exits:
                results[index] = UploadResult(
                    scan["nonce"], "exits_not_recorded", detail=_("This list does not record exits.")
                )
                continue
            code = scan.get("secret")
            ticket = by_secret.get(code) if code else tickets.get(scan.get("ticket"))
            if code is None and ticket is not None:
                code = ticket.secret
            earlier = existing.get((checkin_list.pk, scan["nonce"]))
            if earlier is not None:
                results[index] = _again(earlier, code or "", scan, device, now)
                continue
            row = CheckIn(
                checkin_list=checkin_list,
                type=scan["type"],
                gate=scan.get("gate", ""),
                nonce=scan["nonce"],
                created_at=_scan_time(scan, now),
                uploaded_at=now,
                device=device,
            )
            row.ticket_secret = ticket.secret if ticket else None
            detail, previous = "", None
            if ticket is None or (code and not is_well_formed(code)):
                row.successful, row.reason = False, Reason.INVALID
                row.raw_code = str(code or scan.get("ticket") or "")[:MAX_RAW_CODE_LENGTH]
            else:
                ticket.has_seat = (ticket.pk, checkin_list.session_id) in seats
                admissions = history.setdefault((ticket.pk, checkin_list.pk), [])
                before = [item for item in admissions if item.created_at <= row.created_at]
                reason, detail, previous = evaluate_scan(
                    ticket, checkin_list, before, row.type, row.created_at
                )
                conflicts = own_conflicts.setdefault((ticket.pk, checkin_list.pk), [])
                if (
                    reason == Reason.ALREADY_REDEEMED
                    and previous.device_id != device.pk
                    and not any(item.created_at <= row.created_at for item in conflicts)
                ):
                    # Admitted by this device while offline, and by another gate first (a second scan
                    # of it on this device is a plain repeat).
                    reason = Reason.CONFLICT
                    conflicts.append(row)
                if reason is None and row.type == CheckInType.ENTRY and not checkin_list.allow_reentry:
                    # This scan came first: later admissions made elsewhere become the conflicts.
                    for later in [item for item in admissions if item.created_at > row.created_at]:
                        if later.type == CheckInType.ENTRY:
                            later.successful, later.reason = False, Reason.CONFLICT
                            superseded[later.pk or id(later)] = (later, row)
                            admissions.remove(later)
                row.ticket = ticket
                row.successful = reason is None
                row.reason = reason or ""
                if reason is None:
                    admissions.append(row)
                    admissions.sort(key=lambda item: item.created_at)
            if previous is not None:
                links[id(row)] = (row, previous)
            new_rows.append(row)
            existing[(checkin_list.pk, row.nonce)] = row
            results[index] = UploadResult(row.nonce, _word(row), row, previous, detail)

        _save(new_rows, links, superseded)
    return results


def _scan_time(scan, now):
    """The scan's time in UTC, as the database gives times back (answers then read the same twice)."""
    return min(scan["scanned_at"], now + CLOCK_SKEW).astimezone(UTC)


def _word(row):
    return "ok" if row.successful else str(row.reason)


def _again(earlier, code, scan, device, now):
    """A nonce already recorded: the same scan again gets its (current) answer; another is refused."""
    if is_same_request(earlier, code, scan["type"]):
        return UploadResult(earlier.nonce, _word(earlier), earlier, earlier.previous)
    CheckIn.objects.create(
        checkin_list_id=earlier.checkin_list_id,
        type=scan["type"],
        gate=scan.get("gate", ""),
        created_at=_scan_time(scan, now),
        uploaded_at=now,
        device=device,
        successful=False,
        reason=Reason.NONCE_REUSED,
        raw_code=str(code)[:MAX_RAW_CODE_LENGTH],
        previous=earlier,
    )
    return UploadResult(
        scan["nonce"],
        "nonce_reused",
        detail=_("This nonce was already used for another scan. Send a new nonce with every scan."),
    )


def _locked_tickets(scans, lists):
    """The batch's tickets of its lists' events, by id, locked in id order."""
    secrets = {scan["secret"] for scan in scans if is_well_formed(scan.get("secret"))}
    ids = {scan["ticket"] for scan in scans if scan.get("ticket") and not scan.get("secret")}
    if not (secrets or ids) or not lists:
        return {}
    events = {item.event_id for item in lists.values()}
    query = Ticket.objects.filter(Q(secret__in=secrets) | Q(pk__in=ids))
    # A ticket named by id must belong to one of the device's lists' events (by secret, any event:
    # the rules answer `wrong_event`, as online).
    query = query.filter(Q(secret__in=secrets) | Q(order__event_id__in=events))
    query = query.select_related("order", "ticket_type").select_for_update(of=("self",)).order_by("pk")
    return {ticket.pk: ticket for ticket in query}


def _seats(tickets, lists):
    sessions = {item.session_id for item in lists.values() if item.session_id}
    if not sessions or not tickets:
        return set()
    return set(
        SessionSeat.objects.filter(
            ticket_id__in=list(tickets), session_id__in=sessions, status=SeatStatus.CONFIRMED
        ).values_list("ticket_id", "session_id")
    )


def _save(new_rows, links, superseded):
    """Insert the new scans, then point refusals at their admissions (some of them new) and turn the
    admissions that came second into conflicts."""
    for row, previous in links.values():
        row.previous = previous if previous.pk else None
    CheckIn.objects.bulk_create(new_rows)
    linked = [row for row, previous in links.values() if row.previous_id != previous.pk]
    for row in linked:
        row.previous = links[id(row)][1]
    if linked:
        CheckIn.objects.bulk_update(linked, ["previous"])
    changed = []
    for later, first in superseded.values():
        later.previous = first
        if later.pk:
            changed.append(later)
    if changed:
        CheckIn.objects.bulk_update(changed, ["successful", "reason", "previous"])
        # Conflicts that pointed at an admission that is now second point at the first (rare: only
        # when devices upload in the reverse order of their scans).
        for later, first in superseded.values():
            CheckIn.objects.filter(previous_id=later.pk, reason=Reason.CONFLICT).update(previous=first)
