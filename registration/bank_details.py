"""What a payer needs to pay by bank transfer: the receiving account, the note that names what is paid
for, the amount still due and the VietQR payload saying all three. Read-only: the payment page, the
e-mails and the services share it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Sum

from core import vietqr
from core.qr import qr_svg
from core.text import fold

from .models import BankAccount, BankTransfer, TransferStatus

NOTE_PREFIX = "DTD"
# Transfers that count towards what was paid (the others are to refund, refunded or ignored).
PAYING = (TransferStatus.MATCHED, TransferStatus.PARTIAL, TransferStatus.OVERPAID)


def bank_account_for(event) -> BankAccount | None:
    """The event's receiving account, or the site-wide one."""
    return BankAccount.for_event(event)


def compact(reference: str) -> str:
    """A reference as banking apps keep it: letters and digits only, upper case (`GH-7K3M9QX` → `GH7K3M9QX`)."""
    return re.sub(r"[^A-Z0-9]", "", fold(reference or "").upper())


def transfer_note(reference: str) -> str:
    """What the payer writes in the transfer (the QR fills it in): `DTD 7KQ2M9XA`."""
    return f"{NOTE_PREFIX} {compact(reference)}"


@dataclass
class PaymentDetails:
    account: BankAccount
    amount: int  # still to pay
    received: int
    note: str
    payload: str

    @property
    def bank_name(self):
        return self.account.bank_name

    @property
    def svg(self):
        """The VietQR code, drawn by the one QR encoder every image of the platform uses."""
        return qr_svg(self.payload)

    def app_links(self, return_url: str = "") -> list[vietqr.AppLink]:
        """Links that open a banking app on a phone with this transfer (and come back to `return_url`)."""
        return vietqr.app_links(
            bank_bin=self.account.bank_bin,
            account=self.account.account_number,
            amount=self.amount or None,
            note=self.note,
            account_name=self.account.account_name,
            return_url=return_url,
        )


def payment_details(account: BankAccount, *, reference: str, amount_due: int, received: int = 0):
    """What to transfer, and the VietQR payload that says it (the amount still due, the note)."""
    remaining = max(amount_due - received, 0)
    note = transfer_note(reference)
    payload = vietqr.build(
        bank_bin=account.bank_bin, account=account.account_number, amount=remaining or None, purpose=note
    )
    return PaymentDetails(account=account, amount=remaining, received=received, note=note, payload=payload)


def received_for(kind: str, reference: str) -> int:
    total = BankTransfer.objects.filter(kind=kind, reference=reference, status__in=PAYING).aggregate(
        total=Sum("amount")
    )["total"]
    return int(total or 0)


def order_payment_details(order) -> PaymentDetails | None:
    account = bank_account_for(order.event)
    if account is None:
        return None
    return payment_details(
        account,
        reference=order.reference,
        amount_due=order.total,
        received=received_for("order", order.reference),
    )
