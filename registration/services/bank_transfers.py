"""Paying by bank transfer (VietQR): choosing it, recording each incoming transfer once, matching it to
what it pays for (automatically by the reference in its note, or by an organiser), and refunds.

What a transfer can pay for is registered by kind: orders here, booth fees in the exhibitors app
(`register_payable`). Every match, automatic or manual, records who and when on the transfer and in
the audit log of what it paid for. Money is whole đồng (int).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from .. import bank_formats
from ..bank_details import NOTE_PREFIX, PAYING, bank_account_for, compact, received_for
from ..bank_formats import IncomingTransfer
from ..codes import REFERENCE_ALPHABET
from ..models import (
    BankRefund,
    BankTransfer,
    MatchMethod,
    Order,
    OrderStatus,
    PaymentMethod,
    TransferStatus,
)
from .checkout import settle_payment
from .common import RegistrationError, audit, lock_order
from .emails import queue_email
from .release import release


def choose_bank_transfer(order, now=None) -> Order:
    """The payer chose bank transfer: hold the places for the account's hold time and e-mail the details."""
    now = now or timezone.now()
    with transaction.atomic():
        order = lock_order(order)
        account = bank_account_for(order.event)
        if account is None:
            raise RegistrationError(_("Bank transfer is not available for this event."), "not_available")
        if order.status != OrderStatus.PENDING_PAYMENT or order.total == 0:
            raise RegistrationError(_("This order is not waiting for payment."), "invalid_state")
        if order.expires_at and order.expires_at <= now:
            raise RegistrationError(
                _("The time to pay for this order has run out. Please register again."), "expired"
            )
        if order.payment_method == PaymentMethod.BANK:
            return order
        order.payment_method = PaymentMethod.BANK
        order.expires_at = max(order.expires_at or now, now + dt.timedelta(hours=account.hold_hours))
        order.save(update_fields=["payment_method", "expires_at", "updated_at"])
        audit(order, "registration.bank_transfer_chosen", hold_hours=account.hold_hours)
        queue_email(order, "pay_by_bank")
    return order


def remind_bank_transfers(now=None) -> int:
    """At half the hold time, remind who chose bank transfer and has not paid (once per order)."""
    now = now or timezone.now()
    waiting = (
        Order.objects.filter(
            status=OrderStatus.PENDING_PAYMENT, payment_method=PaymentMethod.BANK, expires_at__gt=now
        )
        .exclude(emails__kind="bank_reminder")
        .select_related("event")
    )
    sent = 0
    for order in waiting:
        account = bank_account_for(order.event)
        if account and order.expires_at - now <= dt.timedelta(hours=account.hold_hours) / 2:
            with transaction.atomic():
                queue_email(order, "bank_reminder")
            sent += 1
    return sent


# --- what a transfer can pay for -------------------------------------------------------------------


@dataclass
class Suggestion:
    kind: str
    reference: str
    label: str
    amount_due: int
    score: int  # 0-100: how alike the note and the reference are, and whether the amount fits


class Payable:
    """One kind of thing a transfer pays for. Subclasses implement `find`, `apply` and `candidates`."""

    kind = ""

    def find(self, references: set[str]) -> dict:
        """{compact reference: object} for those of `references` that exist."""
        raise NotImplementedError

    def apply(self, transfer: BankTransfer, target, now, user) -> None:
        """Inside the caller's transaction: lock `target`, apply the transfer to it, and set the
        transfer's status, `refund_due`, `reference` (and `order`)."""
        raise NotImplementedError

    def candidates(self) -> list[tuple]:
        """(reference, label, amount still due) of what is waiting for a transfer, in a fixed number of
        queries (the queue asks once for all its transfers)."""
        raise NotImplementedError


class OrderPayable(Payable):
    kind = "order"

    def find(self, references):
        orders = Order.objects.filter(reference__in=[r for r in references if len(r) == 8])
        return {order.reference: order for order in orders}

    def apply(self, transfer, order, now, user):
        order = lock_order(order)
        transfer.order = order
        transfer.reference = order.reference
        facts = {"transaction": transfer.transaction_id, "amount": transfer.amount}
        if order.paid_at or order.status not in (OrderStatus.PENDING_PAYMENT, OrderStatus.EXPIRED):
            if order.status in (OrderStatus.PENDING_EMAIL, OrderStatus.PENDING_APPROVAL):
                raise RegistrationError(
                    _("This order is not waiting for payment yet (approval or e-mail confirmation)."),
                    "invalid_state",
                )
            # Paid already (another transfer, a card), or cancelled: this money goes back.
            transfer.status, transfer.refund_due = TransferStatus.REFUND_DUE, transfer.amount
            audit(order, "registration.bank_transfer_refund_due", user, **facts)
            return
        received = received_for("order", order.reference) + transfer.amount
        if received < order.total:
            transfer.status = TransferStatus.PARTIAL
            audit(
                order, "registration.bank_transfer_partial", user, remaining=order.total - received, **facts
            )
            return
        if settle_payment(order, now, amount=received, method=PaymentMethod.BANK, user=user):
            excess = received - order.total
            transfer.status = TransferStatus.OVERPAID if excess else TransferStatus.MATCHED
            transfer.refund_due = excess
            if excess:
                audit(order, "registration.bank_transfer_overpaid", user, excess=excess, **facts)
            return
        # Paid after the hold ran out and the places went to someone else: all of it goes back.
        BankTransfer.objects.filter(order=order, status=TransferStatus.PARTIAL).update(
            status=TransferStatus.REFUND_DUE, refund_due=F("amount")
        )
        transfer.status, transfer.refund_due = TransferStatus.REFUND_DUE, transfer.amount
        if order.status != OrderStatus.EXPIRED:
            release(order, OrderStatus.EXPIRED, now)
        audit(order, "registration.late_transfer_refund_due", user, received=received, **facts)
        queue_email(order, "bank_refund_due", refunded=received)

    def candidates(self):
        orders = Order.objects.filter(
            status__in=(OrderStatus.PENDING_PAYMENT, OrderStatus.EXPIRED),
            paid_at__isnull=True,
            total__gt=0,
            created_at__gte=timezone.now() - CANDIDATE_AGE,
        ).select_related("event")
        orders = list(orders.order_by("-created_at")[:500])
        received = dict(
            BankTransfer.objects.filter(kind="order", status__in=PAYING, order__in=orders)
            .values_list("reference")
            .annotate(total=Sum("amount"))
        )
        return [
            (
                order.reference,
                f"{order.event.title} · {order.email}",
                order.total - received.get(order.reference, 0),
            )
            for order in orders
        ]


# How far back an unpaid order may still be what a transfer pays for, in the queue's suggestions.
CANDIDATE_AGE = dt.timedelta(days=30)
PAYABLES: dict[str, Payable] = {"order": OrderPayable()}


def register_payable(payable: Payable):
    PAYABLES[payable.kind] = payable


def bank_payable_kinds() -> list[str]:
    return list(PAYABLES)


# --- recording and matching -----------------------------------------------------------------------


def candidate_references(note: str) -> tuple[list[str], list[str]]:
    """References a note may hold, as banking apps mangle notes (case, spaces, punctuation, diacritics,
    extra words): first those right after the `DTD` prefix, then any run of reference characters."""
    text = compact(note)
    allowed = set(REFERENCE_ALPHABET)
    prefixed, anywhere = [], []
    for found in re.finditer(NOTE_PREFIX, text):
        tail = text[found.end() : found.end() + 9]
        prefixed += [tail[:8], tail[:9]]
    for size in (8, 9):
        anywhere += [text[i : i + size] for i in range(len(text) - size + 1)]
    keep = [r for r in dict.fromkeys(prefixed + anywhere) if len(r) >= 8 and set(r) <= allowed]
    return [r for r in keep if r in prefixed], [r for r in keep if r not in prefixed]


def find_target(note: str):
    """(payable, target) named by the note, or None when nothing or more than one thing matches."""
    prefixed, anywhere = candidate_references(note)
    for references in (prefixed, prefixed + anywhere):
        if not references:
            continue
        found = [
            (payable, target)
            for payable in PAYABLES.values()
            for target in payable.find(set(references)).values()
        ]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return None
    return None


def record_transfer(incoming: IncomingTransfer, source: str, now=None) -> tuple[BankTransfer, bool]:
    """Keep an incoming transfer once, by the bank's transaction id: (transfer, created)."""
    now = now or timezone.now()
    existing = BankTransfer.objects.filter(transaction_id=incoming.transaction_id).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            transfer = BankTransfer.objects.create(
                transaction_id=incoming.transaction_id[:100],
                source=source,
                amount=incoming.amount,
                content=incoming.content[:2000],
                account_number=incoming.account_number[:40],
                transferred_at=incoming.transferred_at,
                received_at=now,
            )
    except IntegrityError:  # the same transfer delivered twice at once: the other delivery kept it
        return BankTransfer.objects.get(transaction_id=incoming.transaction_id), False
    return transfer, True


def receive_transfer(incoming: IncomingTransfer, source: str, now=None) -> tuple[BankTransfer, bool]:
    """Record a transfer and match it automatically if its note names what it pays for."""
    transfer, created = record_transfer(incoming, source, now)
    if created:
        transfer = match_automatically(transfer, now)
    return transfer, created


def _apply(transfer, payable, target, now, user, method):
    payable.apply(transfer, target, now, user)
    transfer.kind = payable.kind
    transfer.match_method = method
    transfer.matched_at = now
    transfer.matched_by = user
    transfer.save()


def match_automatically(transfer, now=None) -> BankTransfer:
    now = now or timezone.now()
    found = find_target(transfer.content)
    if found is None:
        return transfer
    payable, target = found
    with transaction.atomic():
        transfer = BankTransfer.objects.select_for_update().get(pk=transfer.pk)
        if transfer.status != TransferStatus.UNMATCHED:
            return transfer
        try:
            _apply(transfer, payable, target, now, None, MatchMethod.AUTOMATIC)
        except RegistrationError:
            transfer.refresh_from_db()  # not payable yet: it waits in the queue for an organiser
    return transfer


def match_manually(transfer, *, kind: str, reference: str, user, now=None) -> BankTransfer:
    """An organiser says what an unmatched transfer pays for."""
    now = now or timezone.now()
    payable = PAYABLES.get(kind)
    found = payable.find({compact(reference)}) if payable else {}
    if not found:
        raise RegistrationError(_("No order or application has this reference."), "unknown_reference")
    with transaction.atomic():
        transfer = BankTransfer.objects.select_for_update().get(pk=transfer.pk)
        if transfer.status != TransferStatus.UNMATCHED:
            raise RegistrationError(_("This transfer is already matched."), "already_matched")
        _apply(transfer, payable, next(iter(found.values())), now, user, MatchMethod.MANUAL)
    return transfer


def ignore_transfer(transfer, *, user, now=None) -> BankTransfer:
    """Money that pays for nothing on this platform (another income of the account): out of the queue."""
    now = now or timezone.now()
    with transaction.atomic():
        transfer = BankTransfer.objects.select_for_update().get(pk=transfer.pk)
        if transfer.status != TransferStatus.UNMATCHED:
            raise RegistrationError(_("This transfer is already matched."), "already_matched")
        transfer.status = TransferStatus.IGNORED
        transfer.match_method, transfer.matched_at, transfer.matched_by = MatchMethod.MANUAL, now, user
        transfer.save()
        audit(transfer, "registration.bank_transfer_ignored", user)
    return transfer


def suggestions(transfer, limit=5, candidates=None) -> list[Suggestion]:
    """What an unmatched transfer most likely pays for: the same amount due, a reference like its note.
    `candidates` (from `waiting_payables()`) lets a list of transfers share one look-up."""
    candidates = waiting_payables() if candidates is None else candidates
    text = compact(transfer.content)
    found = []
    for kind, reference, label, due in candidates:
        likeness = difflib.SequenceMatcher(None, compact(reference), text).find_longest_match()
        score = 60 * likeness.size // max(len(compact(reference)), 1)
        score += 40 if due == transfer.amount else 10 if 0 < due < transfer.amount * 2 else 0
        if score >= 40:
            found.append(Suggestion(kind, reference, label, due, min(score, 100)))
    return sorted(found, key=lambda s: -s.score)[:limit]


def waiting_payables() -> list[tuple]:
    """(kind, reference, label, amount still due) of everything waiting for a transfer."""
    return [(payable.kind, *row) for payable in PAYABLES.values() for row in payable.candidates()]


# --- refunds --------------------------------------------------------------------------------------


def record_bank_refund(transfer, *, amount: int, refunded_on, transaction_id: str, user) -> BankRefund:
    """The organiser gave money back by bank transfer: record it against the transfer it came from.

    What it gives back of the order's own payment (a cancellation's refund) counts in the order's
    `refunded_amount`, as a Stripe refund does; an excess, a late or a duplicate payment is refunded
    first and never counts there (it was never part of the order's total).
    """
    with transaction.atomic():
        # The order before its transfer, as a cancellation locks them (cancel_order → owe_bank_refund):
        # the other way round, a refund recorded while its order was being cancelled deadlocked.
        order_id = BankTransfer.objects.values_list("order_id", flat=True).get(pk=transfer.pk)
        order = lock_order(order_id) if order_id else None
        transfer = BankTransfer.objects.select_for_update().get(pk=transfer.pk)
        if transfer.order_id != order_id:  # matched in between, after the read above
            raise RegistrationError(_("This transfer was matched meanwhile: reload the page."), "conflict")
        if amount <= 0 or amount > transfer.refund_due:
            raise RegistrationError(
                _("The refund must be more than zero and at most what is to refund (%(due)s ₫).")
                % {"due": f"{transfer.refund_due:,}".replace(",", ".")},
                "invalid_amount",
            )
        refund = BankRefund.objects.create(
            transfer=transfer,
            amount=amount,
            refunded_on=refunded_on,
            transaction_id=transaction_id.strip()[:100],
            recorded_by=user,
        )
        for_order = max(0, amount - (transfer.refund_due - transfer.refund_due_for_order))
        transfer.refund_due -= amount
        transfer.refund_due_for_order -= for_order
        if transfer.refund_due == 0 and transfer.status == TransferStatus.REFUND_DUE:
            transfer.status = TransferStatus.REFUNDED
        transfer.save(update_fields=["refund_due", "refund_due_for_order", "status"])
        if order is not None and for_order:
            order.refunded_amount += for_order
            order.save(update_fields=["refunded_amount", "updated_at"])
        facts = {
            "amount": amount,
            "of_order": for_order,
            "transaction": refund.transaction_id,
            "date": refunded_on.isoformat(),
        }
        audit(order or transfer, "registration.bank_refund_recorded", user, **facts)
    return refund


# --- statements -----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    new: int = 0
    duplicates: int = 0
    matched: int = 0
    unmatched: int = 0
    errors: list = None


def import_statement(data: bytes, *, layout: str, mapping: dict | None = None, user=None, now=None):
    """Record every credit of a bank statement once (by transaction id) and match what it can.

    `layout`: a bank's CSV layout (`bank_formats.CSV_LAYOUTS`), "generic" with `mapping` naming the
    columns, or "camt053". Raises TransferFormatError when the file cannot be read at all; rows that
    cannot be read are listed in the result and the others are still recorded.
    """
    now = now or timezone.now()
    if layout == "camt053":
        transfers, errors = bank_formats.read_camt053(data)
    elif layout == "generic":
        transfers, errors = bank_formats.read_csv(data, bank_formats.CsvLayout(**(mapping or {})))
    elif layout in bank_formats.CSV_LAYOUTS:
        transfers, errors = bank_formats.read_csv(data, bank_formats.CSV_LAYOUTS[layout])
    else:
        raise bank_formats.TransferFormatError(_("Unknown statement layout."))
    result = ImportResult(errors=errors)
    for incoming in transfers:
        transfer, created = receive_transfer(incoming, source=f"statement:{layout}", now=now)
        if not created:
            result.duplicates += 1
            continue
        result.new += 1
        if transfer.status == TransferStatus.UNMATCHED:
            result.unmatched += 1
        else:
            result.matched += 1
    facts = {"layout": layout, "new": result.new, "duplicates": result.duplicates, "errors": len(errors)}
    if user is not None:
        log(instance=user, action="registration.statement_imported", user=user, data=facts)
    return result


# --- the accountant's day -------------------------------------------------------------------------


def reconciliation_rows(day: dt.date) -> list[dict]:
    """Every transfer received and every refund recorded on `day` (Vietnam's calendar), one row each."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    end = start + dt.timedelta(days=1)
    rows = []
    transfers = BankTransfer.objects.filter(transferred_at__gte=start, transferred_at__lt=end).select_related(
        "matched_by"
    )
    for transfer in transfers.order_by("transferred_at", "pk"):
        rows.append(
            {
                "time": timezone.localtime(transfer.transferred_at).strftime("%Y-%m-%d %H:%M:%S"),
                "type": "in",
                "transaction_id": transfer.transaction_id,
                "amount": transfer.amount,
                "note": transfer.content,
                "status": transfer.status,
                "paid_for": transfer.kind,
                "reference": transfer.reference,
                "refund_due": transfer.refund_due,
                "matched": transfer.match_method,
                "matched_by": transfer.matched_by.get_username() if transfer.matched_by else "",
                "matched_at": (
                    timezone.localtime(transfer.matched_at).strftime("%Y-%m-%d %H:%M:%S")
                    if transfer.matched_at
                    else ""
                ),
            }
        )
    refunds = BankRefund.objects.filter(refunded_on=day).select_related("transfer", "recorded_by")
    for refund in refunds.order_by("pk"):
        rows.append(
            {
                "time": day.isoformat(),
                "type": "refund",
                "transaction_id": refund.transaction_id,
                "amount": -refund.amount,
                "note": refund.transfer.transaction_id,
                "status": "",
                "paid_for": refund.transfer.kind,
                "reference": refund.transfer.reference,
                "refund_due": 0,
                "matched": "",
                "matched_by": refund.recorded_by.get_username() if refund.recorded_by else "",
                "matched_at": timezone.localtime(refund.recorded_at).strftime("%Y-%m-%d %H:%M:%S"),
            }
        )
    return rows
