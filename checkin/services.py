"""Every state change of the check-in app: redeeming tickets, undoing a scan, devices.

`redeem_ticket` is the hot path (8 gates with 2 lanes, 40 scans/s at peak): a fixed, small number of
SQL queries, the ticket row locked so two gates scanning the same ticket at once get one `ok`, and
a nonce so a retried request gets the first answer without recording anything new. The `CheckIn` row
written for every scan, refused ones included, is the audit trail of scanning; the rarer actions
(undo, devices) also go to Wagtail's log.
"""

import functools
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_ratelimit.core import _split_rate
from wagtail.log_actions import log

from checkin.models import CheckIn, CheckInList, CheckInType, Device, Reason
from core.db import Columns, pipeline, prepared_cursor
from core.text import words
from registration.codes import ALPHABET, SECRET_LENGTH
from registration.models import (
    AttendeeCategory,
    Order,
    OrderStatus,
    SeatStatus,
    SessionSeat,
    Ticket,
    TicketStatus,
    TicketType,
)

SECRET_CHARACTERS = frozenset(ALPHABET)
CANCELLED_ORDER_STATES = (OrderStatus.CANCELLED, OrderStatus.EXPIRED, OrderStatus.REFUNDED)
# Tickets the volunteer should look at twice: press and international guests get accompanied.
ATTENTION_CATEGORIES = (AttendeeCategory.PRESS, AttendeeCategory.INTERNATIONAL_GUEST)
MAX_NONCE_LENGTH = 64
MAX_GATE_LENGTH = 60


def undo_window():
    return timedelta(seconds=getattr(settings, "CHECKIN_UNDO_SECONDS", 300))


class CheckinError(Exception):
    """A request that cannot be evaluated at all (not a refused scan): answered with a 4xx."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


def is_well_formed(secret) -> bool:
    """Exactly SECRET_LENGTH characters of the secret alphabet: anything else is refused unread."""
    return (
        isinstance(secret, str)
        and len(secret) == SECRET_LENGTH
        and all(character in SECRET_CHARACTERS for character in secret)
    )


@dataclass
class RedeemResult:
    """The answer to one scan, ready to be shown green, amber or red."""

    checkin: CheckIn
    ticket: Ticket | None = None
    previous: CheckIn | None = None
    detail: str = ""  # a finer cause than the reason code, e.g. "pending_approval" for `unpaid`
    replayed: bool = False
    attention_reasons: list = field(default_factory=list)

    @property
    def ok(self):
        return self.checkin.successful

    @property
    def status(self):
        return "ok" if self.ok else "error"

    @property
    def reason(self):
        return self.checkin.reason or None

    @property
    def attention(self):
        return bool(self.attention_reasons)

    @property
    def colour(self):
        if not self.ok:
            return "red"
        return "amber" if self.attention else "green"


def _scanner_filter(device, user):
    # Ids, not instances: Django deep-copies filter values, and a model instance is costly to copy.
    if device is not None:
        return {"device_id": device.pk}
    return {"user_id": getattr(user, "pk", None), "device_id": None}


def _relax_commit(cursor, db):
    """Opt-in (settings.CHECKIN_ASYNC_COMMIT): on PostgreSQL, don't wait for this transaction's WAL flush.

    The commit's fsync is most of a scan's time on a busy disk. With this on, a database *crash* may
    lose the last fraction of a second of scans (never half a scan, and locks and nonces still hold);
    off by default, for the organisers to choose.
    """
    if getattr(settings, "CHECKIN_ASYNC_COMMIT", False) and db.vendor == "postgresql":
        cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _only(queryset):
    """The single row or None, without the default ordering's joins (a lookup by a unique key)."""
    rows = list(queryset.order_by()[:1])
    return rows[0] if rows else None


def _attention_reasons(ticket):
    reasons = []
    if ticket.category in ATTENTION_CATEGORIES:
        reasons.append(AttendeeCategory(ticket.category).label)
    if ticket.ticket_type.requires_approval:
        reasons.append(_("Guest ticket type (%(type)s): check the name") % {"type": ticket.ticket_type.name})
    if ticket.note_for_staff:
        reasons.append(ticket.note_for_staff)
    return [str(reason) for reason in reasons]


def _replay(row):
    """The first answer to a nonce, rebuilt from the row it recorded."""
    row = (
        CheckIn.objects.select_related(
            "ticket__ticket_type",
            "ticket__order",
            "device",
            "user",
            "checkin_list",
            "previous__device",
            "previous__user",
        )
        .filter(pk=row.pk)
        .first()
    )
    result = RedeemResult(checkin=row, ticket=row.ticket, previous=row.previous, replayed=True)
    if row.ticket is not None and row.successful:
        result.attention_reasons = _attention_reasons(row.ticket)
    return result


def _find_nonce(checkin_list, nonce, device, user):
    if not nonce:
        return None
    return _only(
        CheckIn.objects.filter(checkin_list_id=checkin_list.pk, nonce=nonce, **_scanner_filter(device, user))
    )


def _evaluate(ticket, checkin_list, history, scan_type, now):
    """The rules, in pretix's order: (reason, detail, previous) with reason None for a pass."""
    if ticket.order.event_id != checkin_list.event_id:
        return Reason.WRONG_EVENT, "", None
    if scan_type == CheckInType.EXIT:
        # Someone leaving is let out whatever their ticket's state; exits only feed "inside now".
        return None, "", None
    if ticket.status == TicketStatus.CANCELLED or ticket.order.status in CANCELLED_ORDER_STATES:
        return Reason.CANCELED, "", None
    admitted = checkin_list.admitted_type_ids
    if admitted and ticket.ticket_type_id not in admitted:
        return Reason.PRODUCT, "", None
    if checkin_list.session_id and not ticket.has_seat:
        return Reason.PRODUCT, "no_seat", None
    if (checkin_list.valid_from and now < checkin_list.valid_from) or (
        checkin_list.valid_until and now >= checkin_list.valid_until
    ):
        return Reason.INVALID_TIME, "", None
    status = ticket.order.status
    if status == OrderStatus.PENDING_EMAIL:
        return Reason.UNPAID, "pending_email", None
    if status == OrderStatus.PENDING_APPROVAL and not checkin_list.admit_pending_approval:
        return Reason.UNPAID, "pending_approval", None
    if status == OrderStatus.PENDING_PAYMENT and not checkin_list.admit_unpaid:
        return Reason.UNPAID, "pending_payment", None
    admissions = [row for row in history if row.successful and row.annulled_at is None]
    entries = [row for row in admissions if row.type == CheckInType.ENTRY]
    if entries:
        if not checkin_list.allow_reentry:
            return Reason.ALREADY_REDEEMED, "", entries[0]
        if checkin_list.record_exits and admissions[-1].type == CheckInType.ENTRY:
            # Re-entry is allowed after leaving; this ticket is still inside.
            return Reason.ALREADY_REDEEMED, "inside", admissions[-1]
    return None, "", None


# The hot path reads and writes with four SQL statements of its own (device, list and rate, ticket, earlier
# scans, the new scan), prepared once per connection and read row by row (core/db.py). Measured
# on PostgreSQL, building these with the ORM (querysets, RawQuerySet, save()) cost more CPU than the
# database spent running them. Model instances are still built, with from_db, for the rules and the
# answer.


TICKET_COLUMNS = Columns.of(
    Ticket,
    "id",
    "order",
    "ticket_type",
    "attendee_name",
    "organisation",
    "job_title",
    "category",
    "status",
    "note_for_staff",
)
ORDER_COLUMNS = Columns.of(Order, "id", "event", "reference", "status")
TYPE_COLUMNS = Columns.of(TicketType, "id", "name_vi", "name_en", "requires_approval")
# The ticket's row carries its order's and type's columns (their ids are the ticket's foreign keys).
TICKET_ROW = TICKET_COLUMNS + ORDER_COLUMNS[1:] + TYPE_COLUMNS[1:]
DEVICE_COLUMNS = Columns.of(Device, "id", "name", "event", "revoked_at")
LIST_COLUMNS = Columns(*CheckInList._meta.concrete_fields)
DEVICE_LIST_ROW = DEVICE_COLUMNS + LIST_COLUMNS
# A scan as the rules and the answer read it: every column but the refused code's text.
HISTORY_COLUMNS = Columns(*(field for field in CheckIn._meta.concrete_fields if field.name != "raw_code"))
SCANNER_COLUMNS = Columns.of(Device, "id", "name")
USER_COLUMNS = Columns.of(get_user_model(), "id", "username", "first_name", "last_name")
HISTORY_ROW = HISTORY_COLUMNS + SCANNER_COLUMNS[1:] + USER_COLUMNS[1:]
SCAN_TIME = Columns.of(CheckIn, "created_at")
INSERT_COLUMNS = Columns(*(field for field in CheckIn._meta.concrete_fields if not field.primary_key))


@functools.cache
def _ticket_sql(vendor_locks_rows, with_seat):
    """SELECT of one ticket by secret, with its order's and type's columns, row locked where supported."""
    seat = ""
    if with_seat:
        seat = (
            f", EXISTS (SELECT 1 FROM {SessionSeat._meta.db_table} s WHERE s.ticket_id = t.id"
            " AND s.session_id = %s AND s.status = %s)"
        )
    return (
        f"SELECT {TICKET_COLUMNS.select('t')}, {ORDER_COLUMNS[1:].select('o')},"
        f" {TYPE_COLUMNS[1:].select('y')}{seat}"
        f" FROM {Ticket._meta.db_table} t"
        f" JOIN {Order._meta.db_table} o ON o.id = t.order_id"
        f" JOIN {TicketType._meta.db_table} y ON y.id = t.ticket_type_id"
        " WHERE t.secret = %s" + (" FOR UPDATE OF t" if vendor_locks_rows else "")
    )


def _send_lock_ticket(cursor, db, secret, checkin_list):
    """Ask for the ticket scanned; on PostgreSQL its row stays locked until the scan is recorded,
    so two gates scanning it at once are answered one after the other. Only the ticket row is
    locked: locking its order and type would serialise every scan of that type."""
    with_seat = bool(checkin_list.session_id)
    params = [checkin_list.session_id, SeatStatus.CONFIRMED, secret] if with_seat else [secret]
    cursor.execute(_ticket_sql(db.features.has_select_for_update_of, with_seat), params)


def _read_ticket(cursor, checkin_list):
    """The ticket asked for by _send_lock_ticket, or None."""
    row = cursor.fetchone()
    if row is None:
        return None
    values = TICKET_ROW.read(row[: len(TICKET_ROW)])
    ticket_end, order_end = len(TICKET_COLUMNS), len(TICKET_COLUMNS) + len(ORDER_COLUMNS) - 1
    ticket = TICKET_COLUMNS.instance(Ticket, values[:ticket_end])
    # The related rows, with just the columns read by the rules and the answer (others load on access).
    ticket.order = ORDER_COLUMNS.instance(Order, [ticket.order_id, *values[ticket_end:order_end]])
    ticket.ticket_type = TYPE_COLUMNS.instance(TicketType, [ticket.ticket_type_id, *values[order_end:]])
    if checkin_list.session_id:
        ticket.has_seat = bool(row[-1])
    return ticket


def parse_rate(rate):
    """A rate as (scans, seconds), read by django-ratelimit's own parser so that a rate means here
    what it means for the rest of the site: "50/s" is (50, 1), "100/5m" is (100, 300), "10/hour"
    is (10, 3600); the unit is read lower-cased. ValueError for anything else, or for no scans."""
    try:
        scans, seconds = _split_rate(str(rate).lower())
    except AttributeError as problem:  # the parser's way of saying "not a rate" (no match)
        raise ValueError(f"not a rate: {rate!r}") from problem
    if scans < 1 or seconds < 1:
        raise ValueError(f"not a rate: {rate!r}")
    return scans, seconds


@functools.cache
def _device_with_list_sql(limit):
    # The device's recent scans are counted in its own audit rows, newest first and at most `limit`
    # of them: the rate limit costs no round trip of its own. The ORDER BY keeps the plan on the
    # (device, created_at) index whatever the period; `limit` is an int, written into the statement
    # so that the prepared plan does not guess it.
    return (
        f"SELECT {DEVICE_COLUMNS.select('d')}, {LIST_COLUMNS.select('l')},"
        f" (SELECT count(*) FROM (SELECT 1 FROM {CheckIn._meta.db_table} c"
        f" WHERE c.device_id = d.id AND c.created_at >= %s ORDER BY c.created_at DESC LIMIT {int(limit)}) recent)"
        f" FROM {Device._meta.db_table} d"
        f" LEFT JOIN {CheckInList._meta.db_table} l ON l.id = %s AND l.is_active = %s"
        " AND (d.event_id IS NULL OR l.event_id = d.event_id)"
        " WHERE d.token_hash = %s"
    )


@dataclass
class Scanner:
    """Who is scanning, read with one query when a device's request arrives."""

    device: Device | None  # None: no device has this token
    checkin_list: CheckInList | None  # None: no such list, inactive, or another event's
    over_rate: bool = False  # the device has made its allowed number of scans in the last period


def scanner_for_token(token_hash, list_id):
    """The device with this token, the check-in list it names if it may use it, and whether it is
    over CHECKIN_DEVICE_RATE, in one query: authentication and rate limit cost one round trip.

    The rate counts the device's recorded scans (every scan is recorded, refused ones included)
    over the period before now, so it holds across processes and servers without a shared cache.
    """
    limit, period = parse_rate(getattr(settings, "CHECKIN_DEVICE_RATE", "50/s"))
    since = timezone.now() - timedelta(seconds=period)
    with prepared_cursor() as cursor:
        cursor.execute(_device_with_list_sql(limit), [*SCAN_TIME.write([since]), list_id, True, token_hash])
        row = cursor.fetchone()
    if row is None:
        return Scanner(device=None, checkin_list=None)
    values = DEVICE_LIST_ROW.read(row[:-1])
    device = DEVICE_COLUMNS.instance(Device, values[: len(DEVICE_COLUMNS)])
    list_values = values[len(DEVICE_COLUMNS) :]
    checkin_list = LIST_COLUMNS.instance(CheckInList, list_values) if list_values[0] is not None else None
    over_rate = getattr(settings, "RATELIMIT_ENABLE", True) and row[-1] >= limit
    return Scanner(device=device, checkin_list=checkin_list, over_rate=over_rate)


@functools.cache
def _history_sql(with_nonce, by_device):
    user = get_user_model()._meta
    nonce = ""
    if with_nonce:
        nonce = " OR (c.nonce = %s AND " + (
            "c.device_id = %s)" if by_device else "c.user_id = %s AND c.device_id IS NULL)"
        )
    return (
        f"SELECT {HISTORY_COLUMNS.select('c')}, {SCANNER_COLUMNS[1:].select('d')}, {USER_COLUMNS[1:].select('u')}"
        f" FROM {CheckIn._meta.db_table} c"
        f" LEFT JOIN {Device._meta.db_table} d ON d.id = c.device_id"
        f" LEFT JOIN {user.db_table} u ON u.{user.pk.column} = c.user_id"
        f" WHERE c.ticket_id = (SELECT id FROM {Ticket._meta.db_table} WHERE secret = %s) AND c.checkin_list_id = %s"
        f" AND ((c.successful = %s AND c.annulled_at IS NULL){nonce})"
        " ORDER BY c.created_at, c.id"
    )


def _send_history(cursor, secret, checkin_list, nonce, device, user):
    """Ask for the ticket's admissions on this list (and the scan with this nonce, if any), oldest
    first. By secret, not ticket id: it is sent before the ticket's row comes back."""
    params = [secret, checkin_list.pk, True]
    if nonce:
        params += [nonce, device.pk if device is not None else getattr(user, "pk", None)]
    cursor.execute(_history_sql(bool(nonce), device is not None), params)


def _read_history(cursor):
    """The scans asked for by _send_history, as CheckIn instances."""
    scanner_at, user_at = len(HISTORY_COLUMNS), len(HISTORY_COLUMNS) + 1
    rows = []
    for raw in cursor.fetchall():
        values = HISTORY_ROW.read(raw)
        row = HISTORY_COLUMNS.instance(CheckIn, values[:scanner_at])
        # `by` (who scanned first) reads these; attach them instead of loading them one by one.
        if row.device_id:
            row.device = SCANNER_COLUMNS.instance(Device, [row.device_id, values[scanner_at]])
        if row.user_id:
            row.user = USER_COLUMNS.instance(get_user_model(), [row.user_id, *values[user_at:]])
        rows.append(row)
    return rows


@functools.cache
def _insert_sql(returning):
    placeholders = ", ".join(["%s"] * len(INSERT_COLUMNS))
    return f"INSERT INTO {CheckIn._meta.db_table} ({INSERT_COLUMNS.names()}) VALUES ({placeholders})" + (
        " RETURNING id" if returning else ""
    )


def _insert(cursor, db, row):
    """Record the scan (the same row `row.save(force_insert=True)` would write, without the ORM's work)."""
    returning = db.features.can_return_columns_from_insert
    cursor.execute(
        _insert_sql(returning), INSERT_COLUMNS.write([getattr(row, name) for name in INSERT_COLUMNS.attnames])
    )
    row.pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    row._state.adding = False
    row._state.db = db.alias


def redeem_ticket(
    secret, checkin_list, *, nonce="", scan_type=CheckInType.ENTRY, gate="", device=None, user=None
) -> RedeemResult:
    """Check a scanned code in at `checkin_list` and record the scan, whatever the answer.

    Queries on the way to `ok`: lock the ticket (with its order, type, admission checks), read its
    earlier scans on this list, insert the row. A retried nonce returns the first answer unchanged.
    """
    if scan_type not in CheckInType.values:
        raise CheckinError(_("The scan type must be entry or exit."), "bad_request")
    if scan_type == CheckInType.EXIT and not checkin_list.record_exits:
        raise CheckinError(_("This list does not record exits."), "exits_not_recorded")
    nonce = str(nonce or "")[:MAX_NONCE_LENGTH]
    gate = str(gate or "").strip()[:MAX_GATE_LENGTH]
    now = timezone.now()
    row = CheckIn(
        checkin_list=checkin_list,
        type=scan_type,
        gate=gate,
        nonce=nonce,
        created_at=now,
        device=device,
        user=user,
    )

    if not is_well_formed(secret):
        # Nothing that could be a ticket reaches the tickets table: no prefix or case games.
        return _record_refusal(row, str(secret or "")[:64], checkin_list, nonce, device, user)

    try:
        with transaction.atomic(), prepared_cursor() as cursor, prepared_cursor() as history_cursor:
            db = connections[DEFAULT_DB_ALIAS]
            _relax_commit(cursor, db)
            # BEGIN, the lock and the history in one round trip. PostgreSQL runs them in order and
            # READ COMMITTED gives each statement its own snapshot, so the history is read once the
            # lock is granted and sees the check-in of a gate that held it before us.
            with pipeline():
                _send_lock_ticket(cursor, db, secret, checkin_list)
                _send_history(history_cursor, secret, checkin_list, nonce, device, user)
            ticket = _read_ticket(cursor, checkin_list)
            if ticket is None:
                return _record_refusal(row, secret, checkin_list, nonce, device, user, cursor=cursor)
            history = _read_history(history_cursor)
            if nonce:
                for earlier in history:
                    if (
                        earlier.nonce == nonce
                        and earlier.device_id == getattr(device, "pk", None)
                        and (device is not None or earlier.user_id == getattr(user, "pk", None))
                    ):
                        return _replay(earlier)
            reason, detail, previous = _evaluate(ticket, checkin_list, history, scan_type, now)
            row.ticket = ticket
            row.successful = reason is None
            row.reason = reason or ""
            row.previous = previous
            attention = _attention_reasons(ticket) if reason is None else []
            row.attention = bool(attention)
            _insert(cursor, db, row)
    except IntegrityError:
        # The same nonce raced in through another connection (or came with another code): first answer wins.
        earlier = _find_nonce(checkin_list, nonce, device, user)
        if earlier is None:
            raise
        return _replay(earlier)
    return RedeemResult(
        checkin=row, ticket=ticket, previous=previous, detail=detail, attention_reasons=attention
    )


def _record_refusal(row, raw_code, checkin_list, nonce, device, user, cursor=None):
    """Record an `invalid` scan; `cursor` is the scan's own when called inside its transaction."""
    earlier = _find_nonce(checkin_list, nonce, device, user)
    if earlier is not None:
        return _replay(earlier)
    row.successful = False
    row.reason = Reason.INVALID
    row.raw_code = raw_code
    db = connections[DEFAULT_DB_ALIAS]
    if cursor is not None:
        _insert(cursor, db, row)  # an IntegrityError here is the caller's: it replays the first answer
        return RedeemResult(checkin=row)
    try:
        with transaction.atomic(), prepared_cursor() as cursor:
            _relax_commit(cursor, db)
            _insert(cursor, db, row)
    except IntegrityError:
        earlier = _find_nonce(checkin_list, nonce, device, user)
        if earlier is None:
            raise
        return _replay(earlier)
    return RedeemResult(checkin=row)


def annul_checkin(nonce, *, device=None, user=None, checkin_list=None):
    """Undo a successful scan made by this device or staff member a few minutes ago."""
    nonce = str(nonce or "")[:MAX_NONCE_LENGTH]
    if not nonce:
        raise CheckinError(_("Give the nonce of the scan to undo."), "bad_request")
    with transaction.atomic():
        rows = CheckIn.objects.select_for_update().filter(nonce=nonce, **_scanner_filter(device, user))
        if checkin_list is not None:
            rows = rows.filter(checkin_list=checkin_list)
        row = rows.order_by("-created_at").first()
        if row is None:
            raise CheckinError(_("No scan with this nonce."), "not_found")
        if not row.successful:
            raise CheckinError(_("A refused scan cannot be undone."), "not_successful")
        if row.annulled_at is not None:
            return row
        if timezone.now() - row.created_at > undo_window():
            raise CheckinError(_("This check-in is too old to be undone."), "too_late")
        row.annulled_at = timezone.now()
        row.save(update_fields=["annulled_at"])
        log(
            instance=row,
            action="checkin.annulled",
            user=user,
            data={"device": device.pk if device else None, "list": row.checkin_list_id},
        )
    return row


def create_device(name, event=None, user=None):
    """A new device and its token; the token is returned once and only its hash is kept."""
    device = Device(name=name, event=event, created_by=user)
    token = device.set_new_token()
    device.save()
    log(instance=device, action="checkin.device_created", user=user)
    return device, token


def revoke_device(device, user=None):
    """From now on the device's token gets 401."""
    with transaction.atomic():
        device = Device.objects.select_for_update().get(pk=device.pk)
        if device.revoked_at is None:
            device.revoked_at = timezone.now()
            device.save(update_fields=["revoked_at"])
            log(instance=device, action="checkin.device_revoked", user=user)
    return device


def search_tickets(checkin_list, query):
    """Tickets of the list's event whose name, e-mail, phone, organisation or order reference match
    every word of `query` (accents ignored when registration keeps a folded `search_text`), each with
    `checked_in`: whether it has entered through this list."""
    query = (query or "").strip()[:100]
    tickets = Ticket.objects.filter(order__event_id=checkin_list.event_id).select_related(
        "order", "ticket_type"
    )
    if len(query) < 2:
        return tickets.none()
    if any(f.name == "search_text" for f in Ticket._meta.get_fields()):
        for term in words(query):
            tickets = tickets.filter(search_text__contains=term)
    else:
        for term in query.split():
            tickets = tickets.filter(
                Q(attendee_name__icontains=term)
                | Q(email__icontains=term)
                | Q(phone__icontains=term)
                | Q(order__reference__iexact=term)
                | Q(organisation__icontains=term)
            )
    entered = CheckIn.objects.filter(
        ticket_id=OuterRef("pk"),
        checkin_list=checkin_list,
        successful=True,
        annulled_at__isnull=True,
        type=CheckInType.ENTRY,
    )
    return tickets.annotate(checked_in=Exists(entered)).order_by("attendee_name", "id")
