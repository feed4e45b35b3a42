"""The bank-notification webhook: a signature over the raw body, the body read in the configured shape,
each transfer recorded once and matched.

The signature is HMAC-SHA256 of the raw body with BANK_WEBHOOK_SECRET, sent as
`X-Signature: sha256=<hex>`. Nothing is read, let alone recorded, before it checks out.
"""

import datetime as dt
import hashlib
import hmac
import json

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ..bank_formats import WEBHOOK_FORMATS, IncomingTransfer, TransferFormatError
from ..models import TransferStatus
from .bank_transfers import receive_transfer

# Clocks differ: a transfer "from the future" by less than this is accepted.
CLOCK_SKEW = dt.timedelta(minutes=5)


class Unsigned(Exception):
    """No signature, a wrong one, or no secret configured to check it with."""


def sign(body: bytes, secret: str) -> str:
    """The header value for `body`: what a sender computes (and tests do)."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_and_read(body: bytes, header: str | None, now=None) -> list[IncomingTransfer]:
    """The transfers in a signed body; raises Unsigned, or TransferFormatError (with `code`)."""
    secret = settings.BANK_WEBHOOK_SECRET
    if not secret:
        raise Unsigned("BANK_WEBHOOK_SECRET is not set")
    if not header or not hmac.compare_digest(sign(body, secret), header.strip()):
        raise Unsigned("missing or wrong X-Signature")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise _error(_("The body is not JSON."), "invalid_body") from error
    if not isinstance(data, dict):
        raise _error(_("The body is not a JSON object."), "invalid_body")
    reader = WEBHOOK_FORMATS.get(settings.BANK_WEBHOOK_FORMAT)
    if reader is None:
        raise _error(_("Unknown BANK_WEBHOOK_FORMAT."), "invalid_setting")
    try:
        transfers = reader(data)
    except TransferFormatError as error:
        raise _error(str(error), "invalid_body") from error
    now = now or timezone.now()
    oldest = now - dt.timedelta(hours=settings.BANK_WEBHOOK_MAX_AGE_HOURS)
    for transfer in transfers:
        # A signed body replayed long after (or dated ahead): refused; an old transfer comes in by statement.
        if not oldest <= transfer.transferred_at <= now + CLOCK_SKEW:
            raise _error(_("This notification is too old (or dated in the future)."), "stale")
    return transfers


def _error(message, code):
    error = TransferFormatError(message)
    error.code = code
    return error


def _answer(transfer, created):
    matched = transfer.status not in (TransferStatus.UNMATCHED, TransferStatus.IGNORED)
    return {
        "transaction_id": transfer.transaction_id,
        "matched": matched,
        "order": transfer.reference or None if matched else None,
        "kind": transfer.kind or None,
        "status": transfer.status,
        "duplicate": not created,
    }


def receive(transfers: list[IncomingTransfer]) -> dict:
    """Record and match each transfer; the answer describes the first (and lists them all)."""
    answers = [_answer(*receive_transfer(transfer, source="webhook")) for transfer in transfers]
    if not answers:
        return {"matched": False, "order": None, "ignored": True, "transfers": []}
    return {**answers[0], "transfers": answers}
