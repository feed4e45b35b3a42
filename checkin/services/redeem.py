"""Redeeming a scanned ticket: the hot path (8 gates with 2 lanes, 40 scans/s at peak).

A fixed, small number of SQL statements (checkin/sql.py), the ticket row locked so two gates scanning
the same ticket at once get one `ok`, and a nonce so a retried request gets the first answer without
recording anything new. The `CheckIn` row written for every scan, refused ones included, is the audit
trail of scanning.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from checkin import sql
from checkin.models import CheckIn, CheckInType, Reason
from checkin.services.rules import attention_reasons, evaluate_scan
from core.db import pipeline, prepared_cursor
from registration.codes import ALPHABET, SECRET_LENGTH
from registration.models import Ticket

SECRET_CHARACTERS = frozenset(ALPHABET)
MAX_NONCE_LENGTH = CheckIn._meta.get_field("nonce").max_length
MAX_GATE_LENGTH = CheckIn._meta.get_field("gate").max_length
MAX_RAW_CODE_LENGTH = CheckIn._meta.get_field("raw_code").max_length


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


def scans_by(device, user):
    """Filter arguments for the scans of this device, or of this staff member without a device."""
    # Ids, not instances: Django deep-copies filter values, and a model instance is costly to copy.
    if device is not None:
        return {"device_id": device.pk}
    return {"user_id": getattr(user, "pk", None), "device_id": None}


def redeem_ticket(
    secret, checkin_list, *, nonce="", scan_type=CheckInType.ENTRY, gate="", device=None, user=None
) -> RedeemResult:
    """Check a scanned code in at `checkin_list` and record the scan, whatever the answer.

    Statements on the way to `ok`: lock the ticket (with its order, type, admission checks), read its
    earlier scans on this list, insert the row. A ticket already admitted on a list without re-entry
    is read without the lock (`sql.ticket_by_secret`): its repeat scans never wait for each other.
    A retried nonce returns the first answer unchanged when it comes with the same code and type; with
    another request it is refused (CheckinError `nonce_reused`) and recorded.

    Call it outside a transaction: it commits the scan itself, a refusal without waiting for the disk
    (`_insert`), which inside a caller's transaction would hold for the caller's other writes too.
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
        return _record_refusal(row, str(secret or "")[:MAX_RAW_CODE_LENGTH])

    db = connections[DEFAULT_DB_ALIAS]
    with_seat = bool(checkin_list.session_id)
    locks_rows = db.features.has_select_for_no_key_update  # PostgreSQL; SQLite serialises writers
    unless_admitted = locks_rows and not checkin_list.allow_reentry
    ticket_statement = sql.ticket_by_secret(locks_rows, with_seat, unless_admitted)
    history_params = [secret, checkin_list.pk]
    if nonce:
        history_params += [
            checkin_list.pk,
            device.pk if device is not None else getattr(user, "pk", None),
            nonce,
        ]
    history_statement = sql.ticket_scans(bool(nonce), device is not None)
    earlier = ticket = previous = None
    detail, attention = "", []
    try:
        with transaction.atomic(), prepared_cursor() as cursor, prepared_cursor() as history_cursor:
            # BEGIN, the lock and the history in one round trip. PostgreSQL runs them in order and
            # READ COMMITTED gives each statement its own snapshot, so the history is read once the
            # lock is granted and sees the check-in of a gate that held it before us.
            with pipeline():
                cursor.execute(ticket_statement, sql.ticket_params(secret, checkin_list, unless_admitted))
                history_cursor.execute(history_statement, history_params)
            ticket_row = cursor.fetchone()
            ticket = sql.read_ticket(ticket_row, with_seat) if ticket_row is not None else None
            history = sql.read_scans(history_cursor.fetchall())
            if nonce:
                # This scanner's scan with this nonce on this list, if any, of whatever code.
                earlier = next((scan for scan in history if _is_own(scan, nonce, device, user)), None)
                if earlier is not None:
                    same_ticket = ticket is not None and earlier.ticket_id == ticket.pk
                    earlier.ticket_secret = secret if same_ticket else None
            if earlier is None and ticket is None:
                return _record_refusal(row, secret, cursor=cursor)
            if earlier is None:
                reason, detail, previous = evaluate_scan(ticket, checkin_list, history, scan_type, now)
                if locks_rows and not ticket.locked and reason is None and scan_type == CheckInType.ENTRY:
                    # Read unlocked as admitted, and its admission undone since: lock it, read again.
                    cursor.execute(sql.LOCK_TICKET, [ticket.pk])
                    history_cursor.execute(history_statement, history_params)
                    history = sql.read_scans(history_cursor.fetchall())
                    reason, detail, previous = evaluate_scan(ticket, checkin_list, history, scan_type, now)
                row.ticket = ticket
                row.successful = reason is None
                row.reason = reason or ""
                row.previous = previous
                attention = attention_reasons(ticket) if reason is None else []
                row.attention = bool(attention)
                _insert(cursor, db, row)
    except IntegrityError:
        # The nonce is taken: a retry that raced in through another connection, or the nonce of
        # another scan (another code: the insert of an `invalid` scan or of another ticket's scan).
        earlier = _find_nonce(checkin_list, nonce, device, user)
        if earlier is None:
            raise
        return _answer_again(earlier, row, secret)
    if earlier is not None:
        return _answer_again(earlier, row, secret)
    return RedeemResult(
        checkin=row, ticket=ticket, previous=previous, detail=detail, attention_reasons=attention
    )


def _is_own(scan, nonce, device, user):
    """Whether `scan` is this device's (or this staff member's) scan with this nonce."""
    return (
        scan.nonce == nonce
        and scan.device_id == getattr(device, "pk", None)
        and (device is not None or scan.user_id == getattr(user, "pk", None))
    )


def _insert(cursor, db, row):
    """Record the scan (the row `row.save(force_insert=True)` would write, without the ORM's work).

    On PostgreSQL a refusal's commit does not wait for the disk (`sql.insert_scan(unflushed=True)`): it
    admits no one, so a database crash can lose the last fraction of a second of refusals' records,
    never an admission, and the repeat scans of the Day's opening do not queue for the disk behind the
    admissions. An admission's commit waits for it, unless the organisers opt out of that too
    (settings.CHECKIN_ASYNC_COMMIT: a crash may then lose the last fraction of a second of admissions,
    never half a scan, and locks and nonces still hold).
    """
    returning = db.features.can_return_columns_from_insert
    unflushed = db.vendor == "postgresql" and (not row.successful or settings.CHECKIN_ASYNC_COMMIT)
    cursor.execute(sql.insert_scan(returning, unflushed), sql.scan_values(row))
    row.pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    row._state.adding = False
    row._state.db = db.alias


def _record_refusal(row, raw_code, cursor=None):
    """Record an `invalid` scan; `cursor` is the scan's own when called inside its transaction.

    No nonce lookup first: a fresh nonce (nearly every scan) costs only the insert, and a taken one
    fails it on the unique constraint, and is then answered by `_answer_again`."""
    row.successful = False
    row.reason = Reason.INVALID
    row.raw_code = raw_code
    db = connections[DEFAULT_DB_ALIAS]
    if cursor is not None:
        _insert(cursor, db, row)  # an IntegrityError here is the caller's: it answers the nonce
        return RedeemResult(checkin=row)
    try:
        with transaction.atomic(), prepared_cursor() as cursor:
            _insert(cursor, db, row)
    except IntegrityError:
        earlier = _find_nonce(row.checkin_list, row.nonce, row.device, row.user)
        if earlier is None:
            raise
        return _answer_again(earlier, row, raw_code)
    return RedeemResult(checkin=row)


def _find_nonce(checkin_list, nonce, device, user):
    """The scan this device or staff member already made with this nonce on this list, or None,
    with `ticket_secret`: the secret of its ticket (None for an unknown code)."""
    if not nonce:
        return None
    scans = CheckIn.objects.filter(checkin_list_id=checkin_list.pk, nonce=nonce, **scans_by(device, user))
    # At most one row: no ordering (first() would add one, and the default ordering joins).
    return next(iter(scans.annotate(ticket_secret=F("ticket__secret")).order_by()[:1]), None)


def is_same_request(earlier, code, scan_type) -> bool:
    """Whether a scan repeats `earlier`'s request: the same code (ticket secret, or the unknown code
    as recorded) and type on the same list (nonces are per list)."""
    recorded = earlier.ticket_secret if earlier.ticket_id else earlier.raw_code
    return earlier.type == scan_type and recorded == str(code or "")[:MAX_RAW_CODE_LENGTH]


def _answer_again(earlier, row, code):
    """A nonce already used: the same request gets its first answer again; another request (another
    code or type) is refused, and recorded (without the nonce, pointing at the scan that holds it),
    so that a device's bug or a replayed nonce cannot show another ticket's answer."""
    if is_same_request(earlier, code, row.type):
        return _replay(earlier)
    record_nonce_reuse(row, code, earlier)
    raise CheckinError(
        _("This nonce was already used for another scan. Send a new nonce with every scan."), "nonce_reused"
    )


def record_nonce_reuse(row, code, earlier):
    """Keep the refused request in the audit trail: no ticket, the code as sent, the first scan beside it."""
    row.pk = None
    row.nonce = ""
    row.ticket = None
    row.successful = False
    row.reason = Reason.NONCE_REUSED
    row.raw_code = str(code or "")[:MAX_RAW_CODE_LENGTH]
    row.previous = earlier
    row.attention = False
    row.save(force_insert=True)


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
        result.attention_reasons = attention_reasons(row.ticket)
    return result
