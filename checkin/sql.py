"""The scan path's hand-written SQL: its four statements, their columns, and how their rows are read.

A scan runs four statements of its own: the device with its list and rate (`device_with_list`), the
ticket locked (`ticket_by_secret`), its earlier scans (`ticket_scans`) and the new scan
(`insert_scan`). They are prepared once per connection on PostgreSQL and read row by row
(core/db.py): measured on PostgreSQL, building them with the ORM (querysets, RawQuerySet, save())
cost more CPU than the database spent running them. Model instances are still built, with
`from_db`, for the rules and the answer. Every other query of the app uses the ORM.
"""

import functools

from django.contrib.auth import get_user_model

from checkin.models import CheckIn, CheckInList, CheckInType, Device
from core.db import Columns
from registration.models import Order, SeatStatus, SessionSeat, Ticket, TicketType

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
# A scan as the rules and the answer read it (every column: the model is built on its quick path),
# then who made it, as `CheckIn.by` words it.
HISTORY_COLUMNS = Columns(*CheckIn._meta.concrete_fields)
SCAN_TIME = Columns.of(CheckIn, "created_at")
INSERT_COLUMNS = Columns(*(field for field in CheckIn._meta.concrete_fields if not field.primary_key))

# A ticket read unlocked as admitted whose admission was undone before its scans were read (rare).
LOCK_TICKET = f"SELECT id FROM {Ticket._meta.db_table} WHERE id = %s FOR NO KEY UPDATE"


@functools.cache
def device_with_list(limit):
    """The device with this token hash, the check-in list with this id (whether the device may use
    it is decided by checkin.access, in Python), and how many scans the device recorded since the
    given time, counted up to `limit`.

    Parameters: since, list id, token hash. One round trip authenticates, finds the list and
    rate-limits. The ORDER BY keeps the plan on the (device, created_at) index whatever the period;
    `limit` is an int written into the statement so that the prepared plan does not guess it.
    """
    return (
        f"SELECT {DEVICE_COLUMNS.select('d')}, {LIST_COLUMNS.select('l')},"
        f" (SELECT count(*) FROM (SELECT 1 FROM {CheckIn._meta.db_table} c"
        f" WHERE c.device_id = d.id AND c.created_at >= %s ORDER BY c.created_at DESC LIMIT {int(limit)}) recent)"
        f" FROM {Device._meta.db_table} d"
        f" LEFT JOIN {CheckInList._meta.db_table} l ON l.id = %s"
        " WHERE d.token_hash = %s"
    )


def read_device_with_list(row):
    """(device, checkin list or None, recent scans) from a row of `device_with_list`."""
    values = DEVICE_LIST_ROW.read(row[:-1])
    device = DEVICE_COLUMNS.instance(Device, values[: len(DEVICE_COLUMNS)])
    list_values = values[len(DEVICE_COLUMNS) :]
    checkin_list = LIST_COLUMNS.instance(CheckInList, list_values) if list_values[0] is not None else None
    return device, checkin_list, row[-1]


@functools.cache
def ticket_by_secret(locks_rows, with_seat, unless_admitted=False):
    """One ticket by its secret, with its order's and type's columns, and a last column that says
    whether its row is locked: with `locks_rows`, the ticket's row (only the ticket's: locking the
    order and type would serialise every scan of that type) stays locked until the transaction ends,
    so two gates scanning it at once are answered one after the other. NO KEY UPDATE: what an update of
    the ticket takes, so that the key-share lock of a refused scan's foreign key check never waits
    for it.

    `unless_admitted` (a list without re-entry): a ticket with an entry that counts on the list is
    read without the lock. Its scan is refused whoever else scans it, and a code shared on social
    media, scanned at every lane at once, must not queue the lanes behind its row. Two arms, each
    reading the admission from the partial index `ticket_scans` uses; the locked arm's row is read
    again once its lock is granted (PostgreSQL's READ COMMITTED), so it sees a cancellation that
    held the lock before it.

    Parameters: `ticket_params`. With `with_seat`, a column before the last says whether the ticket
    holds a confirmed seat in the session.
    """
    seat = ""
    if with_seat:
        seat = (
            f", EXISTS (SELECT 1 FROM {SessionSeat._meta.db_table} s WHERE s.ticket_id = t.id"
            " AND s.session_id = %s AND s.status = %s)"
        )
    select = (
        f"SELECT {TICKET_COLUMNS.select('t')}, {ORDER_COLUMNS[1:].select('o')},"
        f" {TYPE_COLUMNS[1:].select('y')}{seat}, {{locked}}"
        f" FROM {Ticket._meta.db_table} t"
        f" JOIN {Order._meta.db_table} o ON o.id = t.order_id"
        f" JOIN {TicketType._meta.db_table} y ON y.id = t.ticket_type_id"
        " WHERE t.secret = %s"
    )
    if not locks_rows:
        return select.format(locked="FALSE")
    if not unless_admitted:
        return select.format(locked="TRUE") + " FOR NO KEY UPDATE OF t"
    # Written out like the partial index's predicate (checkin_admissions), for the prepared plan.
    entry = (
        f"EXISTS (SELECT 1 FROM {CheckIn._meta.db_table} c WHERE c.ticket_id = t.id"
        f" AND c.checkin_list_id = %s AND c.successful AND c.annulled_at IS NULL"
        f" AND c.type = '{CheckInType.ENTRY}')"
    )
    return (
        f"SELECT * FROM ({select.format(locked='TRUE')} AND NOT {entry} FOR NO KEY UPDATE OF t) locked"
        f" UNION ALL {select.format(locked='FALSE')} AND {entry}"
    )


def ticket_params(secret, checkin_list, unless_admitted):
    """The parameters of `ticket_by_secret` for this code scanned at this list."""
    arm = [checkin_list.session_id, SeatStatus.CONFIRMED] if checkin_list.session_id else []
    arm.append(secret)
    if unless_admitted:
        return [*arm, checkin_list.pk, *arm, checkin_list.pk]
    return arm


def read_ticket(row, with_seat):
    """The Ticket of a `ticket_by_secret` row, its order and type attached (with the columns the rules
    and the answer read; others load on access), `locked` and, `with_seat`, `has_seat` set."""
    values = TICKET_ROW.read(row[: len(TICKET_ROW)])
    ticket_end, order_end = len(TICKET_COLUMNS), len(TICKET_COLUMNS) + len(ORDER_COLUMNS) - 1
    ticket = TICKET_COLUMNS.instance(Ticket, values[:ticket_end])
    ticket.order = ORDER_COLUMNS.instance(Order, [ticket.order_id, *values[ticket_end:order_end]])
    ticket.ticket_type = TYPE_COLUMNS.instance(TicketType, [ticket.ticket_type_id, *values[order_end:]])
    ticket.locked = bool(row[-1])
    if with_seat:
        ticket.has_seat = bool(row[-2])
    return ticket


@functools.cache
def ticket_scans(with_nonce, by_device):
    """A ticket's admissions on one list that still count (successful, not undone) and, `with_nonce`,
    the scan this device (`by_device`) or staff member made with this nonce on this list, whatever
    its ticket; oldest first, each with who made it (`CheckIn.by`: the device's name, or the staff
    member's).

    Parameters: secret, list id[, list id, device or user id, nonce]. By secret, not ticket id: it is
    sent in the same round trip as `ticket_by_secret`, before the ticket's row comes back.

    Two arms, each on its own partial index, whose predicates are written out literally so that the
    generic plan of the prepared statement can use them: a ticket's refused repeat scans (thousands,
    for a code shared on social media) are never read, nor a device's other scans.
    """
    user = get_user_model()._meta
    table = CheckIn._meta.db_table
    columns = HISTORY_COLUMNS.select("c")
    nonce = ""
    if with_nonce:
        scanner = (
            "c.device_id = %s AND c.device_id IS NOT NULL"
            if by_device
            else ("c.user_id = %s AND c.user_id IS NOT NULL AND c.device_id IS NULL")
        )
        nonce = (
            f" UNION ALL SELECT {columns} FROM {table} c"
            f" WHERE c.checkin_list_id = %s AND {scanner} AND c.nonce = %s AND c.nonce <> ''"
        )
    # Who scanned, looked up by key for each row: as joins, the generic plan read every device.
    device_name = f"SELECT d.name FROM {Device._meta.db_table} d WHERE d.id = c.device_id"
    user_name = (
        "SELECT COALESCE(NULLIF(TRIM(u.first_name || ' ' || u.last_name), ''), u.username)"
        f" FROM {user.db_table} u WHERE u.{user.pk.column} = c.user_id"
    )
    return (
        f"SELECT {HISTORY_COLUMNS.select('c')}, COALESCE(({device_name}), ({user_name}), '')"
        f" FROM (SELECT {columns} FROM {table} c"
        f" WHERE c.ticket_id = (SELECT id FROM {Ticket._meta.db_table} WHERE secret = %s)"
        f" AND c.checkin_list_id = %s AND c.successful AND c.annulled_at IS NULL{nonce}) c"
        " ORDER BY c.created_at, c.id"
    )


def read_scans(rows):
    """The CheckIn instances of `ticket_scans` rows, each with `scanned_by` (what `by` says) set: the
    answer names who scanned first without a device or user instance built for it."""
    scans = []
    for raw in rows:
        scan = HISTORY_COLUMNS.instance(CheckIn, HISTORY_COLUMNS.read(raw[:-1]))
        scan.scanned_by = raw[-1]
        scans.append(scan)
    return scans


@functools.cache
def insert_scan(returning, unflushed=False):
    """Record a scan: the row `CheckIn.save(force_insert=True)` would write. Parameters:
    `scan_values(scan)`. With `returning`, the new id comes back as the statement's row.

    `unflushed` (PostgreSQL): the transaction's commit will not wait for its WAL
    flush, as after SET LOCAL synchronous_commit TO OFF; set_config() is that SET as a function, so it
    rides in the insert instead of costing a statement of its own.
    """
    placeholders = ", ".join(["%s"] * len(INSERT_COLUMNS))
    statement = f"INSERT INTO {CheckIn._meta.db_table} ({INSERT_COLUMNS.names()}) VALUES ({placeholders})"
    if unflushed:
        return statement + " RETURNING id, set_config('synchronous_commit', 'off', true)"
    return statement + (" RETURNING id" if returning else "")


def scan_values(scan):
    """The parameters of `insert_scan` for this CheckIn, prepared as save() would."""
    return INSERT_COLUMNS.write([getattr(scan, name) for name in INSERT_COLUMNS.attnames])
