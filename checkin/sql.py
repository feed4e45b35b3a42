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

from checkin.models import CheckIn, CheckInList, Device
from core.db import Columns
from registration.models import Order, SessionSeat, Ticket, TicketType

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

# Opt-in (settings.CHECKIN_ASYNC_COMMIT), PostgreSQL only: the scan's commit does not wait for its WAL flush.
ASYNC_COMMIT = "SET LOCAL synchronous_commit TO OFF"


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
def ticket_by_secret(locks_rows, with_seat):
    """One ticket by its secret, with its order's and type's columns; with `locks_rows`, its row (only
    the ticket's: locking the order and type would serialise every scan of that type) stays locked
    until the transaction ends, so two gates scanning it at once are answered one after the other.

    Parameters: [session id, confirmed seat status,] secret. With `with_seat`, a last column says
    whether the ticket holds a confirmed seat in the session.
    """
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
        " WHERE t.secret = %s" + (" FOR UPDATE OF t" if locks_rows else "")
    )


def read_ticket(row, with_seat):
    """The Ticket of a `ticket_by_secret` row, its order and type attached (with the columns the rules
    and the answer read; others load on access) and, `with_seat`, `has_seat` set."""
    values = TICKET_ROW.read(row[: len(TICKET_ROW)])
    ticket_end, order_end = len(TICKET_COLUMNS), len(TICKET_COLUMNS) + len(ORDER_COLUMNS) - 1
    ticket = TICKET_COLUMNS.instance(Ticket, values[:ticket_end])
    ticket.order = ORDER_COLUMNS.instance(Order, [ticket.order_id, *values[ticket_end:order_end]])
    ticket.ticket_type = TYPE_COLUMNS.instance(TicketType, [ticket.ticket_type_id, *values[order_end:]])
    if with_seat:
        ticket.has_seat = bool(row[-1])
    return ticket


@functools.cache
def ticket_scans(with_nonce, by_device):
    """A ticket's admissions on one list that still count (successful, not undone) and, `with_nonce`,
    the scan this device (`by_device`) or staff member made with this nonce on this list, whatever
    its ticket; oldest first, each with its device's name and its staff member's names.

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
    return (
        f"SELECT {HISTORY_COLUMNS.select('c')}, {SCANNER_COLUMNS[1:].select('d')}, {USER_COLUMNS[1:].select('u')}"
        f" FROM (SELECT {columns} FROM {table} c"
        f" WHERE c.ticket_id = (SELECT id FROM {Ticket._meta.db_table} WHERE secret = %s)"
        f" AND c.checkin_list_id = %s AND c.successful AND c.annulled_at IS NULL{nonce}) c"
        f" LEFT JOIN {Device._meta.db_table} d ON d.id = c.device_id"
        f" LEFT JOIN {user.db_table} u ON u.{user.pk.column} = c.user_id"
        " ORDER BY c.created_at, c.id"
    )


def read_scans(rows):
    """The CheckIn instances of `ticket_scans` rows, with their device and staff member attached
    (`by`, who scanned first, reads them)."""
    scanner_at, user_at = len(HISTORY_COLUMNS), len(HISTORY_COLUMNS) + 1
    scans = []
    for raw in rows:
        values = HISTORY_ROW.read(raw)
        scan = HISTORY_COLUMNS.instance(CheckIn, values[:scanner_at])
        if scan.device_id:
            scan.device = SCANNER_COLUMNS.instance(Device, [scan.device_id, values[scanner_at]])
        if scan.user_id:
            scan.user = USER_COLUMNS.instance(get_user_model(), [scan.user_id, *values[user_at:]])
        scans.append(scan)
    return scans


@functools.cache
def insert_scan(returning):
    """Record a scan: the row `CheckIn.save(force_insert=True)` would write. Parameters:
    `scan_values(scan)`. With `returning`, the new id comes back as the statement's row."""
    placeholders = ", ".join(["%s"] * len(INSERT_COLUMNS))
    return f"INSERT INTO {CheckIn._meta.db_table} ({INSERT_COLUMNS.names()}) VALUES ({placeholders})" + (
        " RETURNING id" if returning else ""
    )


def scan_values(scan):
    """The parameters of `insert_scan` for this CheckIn, prepared as save() would."""
    return INSERT_COLUMNS.write([getattr(scan, name) for name in INSERT_COLUMNS.attnames])
