"""Incoming bank transfers as banks and notification services write them, read into one shape.

Pure parsing, no database: the webhook's JSON shapes (ours and the common notification services'),
bank statements as CSV (a layout per bank, or columns named by the organiser) and ISO 20022 CAMT.053
XML. Amounts are whole đồng (int) from the first character to the last: never a float.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from defusedxml import ElementTree
from django.utils.translation import gettext as _

LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


class TransferFormatError(ValueError):
    """Input that is not a transfer we can read; the message is translated and says what is wrong."""


@dataclass(frozen=True)
class IncomingTransfer:
    transaction_id: str
    amount: int
    content: str
    account_number: str
    transferred_at: dt.datetime


def parse_amount(value) -> int:
    """Whole đồng from an int or a text such as `500000`, `500.000`, `500,000`, `500000.00`, `500.000 ₫`."""
    if isinstance(value, bool):
        raise TransferFormatError(_("The amount must be a whole number of đồng."))
    if isinstance(value, int):
        amount = value
    elif isinstance(value, str):
        text = re.sub(r"(?i)\s|vnd|đ|₫", "", value)
        text = (
            re.sub(r"[.,]0{1,2}$", "", text)
            if re.search(r"[.,]\d{3}[.,]0{1,2}$|^\d+[.,]0{1,2}$", text)
            else text
        )
        if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
            text = re.sub(r"[.,]", "", text)
        if not re.fullmatch(r"\d+", text):
            raise TransferFormatError(_("The amount must be a whole number of đồng."))
        amount = int(text)
    else:
        raise TransferFormatError(_("The amount must be a whole number of đồng."))
    if amount <= 0:
        raise TransferFormatError(_("The amount must be more than zero."))
    return amount


DATE_FORMATS = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
)


def parse_when(value) -> dt.datetime:
    """An aware datetime from ISO 8601 or a Vietnamese bank's date; times without a zone are Vietnam's."""
    text = str(value or "").strip()
    parsed = None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        for fmt in DATE_FORMATS:
            try:
                parsed = dt.datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        raise TransferFormatError(_("“%(value)s” is not a date and time.") % {"value": text[:40]})
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=LOCAL_TIME)


def _text(data, key, required=True) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise TransferFormatError(_("The field “%(field)s” is missing.") % {"field": key})
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise TransferFormatError(_("The field “%(field)s” must be text.") % {"field": key})
    return str(value).strip()


# --- the webhook's shapes ------------------------------------------------------------------------


def from_platform(data: dict) -> list[IncomingTransfer]:
    """Ours: {"transaction_id", "amount" (int VND), "content", "account_number", "transferred_at"}."""
    if not isinstance(data.get("amount"), int) or isinstance(data.get("amount"), bool):
        raise TransferFormatError(_("The amount must be a whole number of đồng."))
    return [
        IncomingTransfer(
            transaction_id=_text(data, "transaction_id"),
            amount=parse_amount(data["amount"]),
            content=_text(data, "content", required=False),
            account_number=_text(data, "account_number", required=False),
            transferred_at=parse_when(_text(data, "transferred_at")),
        )
    ]


def from_sepay(data: dict) -> list[IncomingTransfer]:
    """SePay's notification: one transfer, in or out; only money coming in counts."""
    if data.get("transferType") != "in":
        return []
    return [
        IncomingTransfer(
            transaction_id=_text(data, "referenceCode", required=False) or f"sepay-{_text(data, 'id')}",
            amount=parse_amount(data.get("transferAmount")),
            content=_text(data, "content", required=False),
            account_number=_text(data, "accountNumber", required=False),
            transferred_at=parse_when(_text(data, "transactionDate")),
        )
    ]


def from_casso(data: dict) -> list[IncomingTransfer]:
    """Casso's notification: `data` is one transaction (v2) or a list of them (v1); debits are negative."""
    rows = data.get("data")
    rows = rows if isinstance(rows, list) else [rows] if isinstance(rows, dict) else None
    if rows is None:
        raise TransferFormatError(_("The field “%(field)s” is missing.") % {"field": "data"})
    transfers = []
    for row in rows:
        amount = row.get("amount")
        if isinstance(amount, int) and not isinstance(amount, bool) and amount <= 0:
            continue
        transfers.append(
            IncomingTransfer(
                transaction_id=_text(row, "reference", required=False)
                or _text(row, "tid", required=False)
                or f"casso-{_text(row, 'id')}",
                amount=parse_amount(amount),
                content=_text(row, "description", required=False),
                account_number=_text(row, "accountNumber", required=False)
                or _text(row, "bank_sub_acc_id", required=False),
                transferred_at=parse_when(
                    _text(row, "transactionDateTime", required=False) or _text(row, "when")
                ),
            )
        )
    return transfers


WEBHOOK_FORMATS = {"platform": from_platform, "sepay": from_sepay, "casso": from_casso}


# --- statements ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvLayout:
    """Which column holds what in a bank's CSV export; `credit` holds money in (debit rows are skipped)."""

    transaction_id: str
    transferred_at: str
    credit: str
    content: str
    account_number: str = ""
    skip_lines: int = 0  # title lines above the header row


# The two layouts below are the columns of the banks' internet-banking exports (saved as CSV, UTF-8).
CSV_LAYOUTS = {
    "vietcombank": CsvLayout(
        transaction_id="Số tham chiếu",
        transferred_at="Ngày giao dịch",
        credit="Số tiền ghi có",
        content="Mô tả",
        skip_lines=0,
    ),
    "techcombank": CsvLayout(
        transaction_id="Transaction ID",
        transferred_at="Transaction Date",
        credit="Credit",
        content="Description",
        account_number="Account",
    ),
}


def read_csv(data: bytes, layout: CsvLayout) -> tuple[list[IncomingTransfer], list[str]]:
    """The credits of a CSV statement, and a translated message for each row that could not be read."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TransferFormatError(_("The file is not UTF-8 text: save it as CSV (UTF-8).")) from error
    lines = text.splitlines()[layout.skip_lines :]
    sample = "\n".join(lines[:5])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO("\n".join(lines)), dialect=dialect)
    header = [name.strip() for name in reader.fieldnames or []]
    needed = [layout.transaction_id, layout.transferred_at, layout.credit, layout.content]
    missing = [name for name in needed if name not in header]
    if missing:
        raise TransferFormatError(
            _("These columns are missing from the file: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    transfers, errors = [], []
    for number, row in enumerate(reader, start=2 + layout.skip_lines):
        row = {(key or "").strip(): (value or "").strip() for key, value in row.items()}
        if not row.get(layout.credit) or re.fullmatch(r"[0.,\s-]*", row[layout.credit]):
            continue  # a debit (money out) or an empty line
        try:
            transfers.append(
                IncomingTransfer(
                    transaction_id=_text(row, layout.transaction_id),
                    amount=parse_amount(row[layout.credit]),
                    content=row.get(layout.content, ""),
                    account_number=row.get(layout.account_number, "") if layout.account_number else "",
                    transferred_at=parse_when(row[layout.transferred_at]),
                )
            )
        except TransferFormatError as error:
            errors.append(_("Line %(line)s: %(error)s") % {"line": number, "error": error})
    return transfers, errors


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _find(element, *path):
    """The first descendant along `path` (tag names without namespace), or None."""
    for name in path:
        if element is None:
            return None
        element = next((child for child in element if _local(child.tag) == name), None)
    return element


def _find_text(element, *path) -> str:
    found = _find(element, *path)
    return (found.text or "").strip() if found is not None else ""


def read_camt053(data: bytes) -> tuple[list[IncomingTransfer], list[str]]:
    """The credit entries of an ISO 20022 CAMT.053 statement (any version: namespaces are ignored)."""
    try:
        root = ElementTree.fromstring(data)
    except Exception as error:  # noqa: BLE001 - defusedxml's and the parser's errors alike: not our XML
        raise TransferFormatError(_("The file is not a CAMT.053 XML statement.")) from error
    statements = [el for el in root.iter() if _local(el.tag) == "Stmt"]
    if _local(root.tag) != "Document" or not statements:
        raise TransferFormatError(_("The file is not a CAMT.053 XML statement."))
    transfers, errors = [], []
    for statement in statements:
        account = _find_text(statement, "Acct", "Id", "Othr", "Id") or _find_text(
            statement, "Acct", "Id", "IBAN"
        )
        entries = [child for child in statement if _local(child.tag) == "Ntry"]
        for number, entry in enumerate(entries, start=1):
            if _find_text(entry, "CdtDbtInd") != "CRDT":
                continue
            try:
                amount_el = _find(entry, "Amt")
                if amount_el is not None and amount_el.get("Ccy", "VND") != "VND":
                    raise TransferFormatError(_("Only amounts in VND can be matched."))
                details = _find(entry, "NtryDtls", "TxDtls")
                reference = (
                    _find_text(details, "Refs", "AcctSvcrRef")
                    or _find_text(entry, "AcctSvcrRef")
                    or _find_text(details, "Refs", "EndToEndId")
                )
                notes = [
                    (el.text or "").strip()
                    for el in (details.iter() if details is not None else [])
                    if _local(el.tag) == "Ustrd"
                ]
                when = _find_text(entry, "BookgDt", "DtTm") or _find_text(entry, "BookgDt", "Dt")
                when = when or _find_text(entry, "ValDt", "Dt")
                transfers.append(
                    IncomingTransfer(
                        transaction_id=_text({"AcctSvcrRef": reference}, "AcctSvcrRef"),
                        amount=parse_amount(_find_text(entry, "Amt")),
                        content=" ".join(filter(None, notes)) or _find_text(entry, "AddtlNtryInf"),
                        account_number=account,
                        transferred_at=parse_when(when),
                    )
                )
            except TransferFormatError as error:
                errors.append(_("Entry %(line)s: %(error)s") % {"line": number, "error": error})
    return transfers, errors
