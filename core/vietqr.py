"""VietQR: the payload a Vietnamese banking app scans to fill in a bank transfer (NAPAS's standard on
EMVCo's merchant-presented QR format), built and parsed; the NAPAS banks with their BIN; and links that
open a banking app on a phone with the transfer filled in (`app_links`).

Written here rather than taken from PyPI: the VietQR packages there (vietnam-qr-pay, vietqr-emvco,
napas-qr-python) each have a single release and ship no tests. This module is small and its tests check
it against payloads published by banks' and libraries' documentation.

A payload is a run of TLV fields: a 2-digit tag, a 2-digit length, the value; tag 63 closes it with
the CRC-16/CCITT-FALSE of everything before it (including "6304"), in 4 upper-case hex digits.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"  # transfer to an account number (QRIBFTTC: to a card number)
CURRENCY_VND = "704"
COUNTRY = "VN"
MAX_PURPOSE = 25  # what the banks' apps keep of the purpose (tag 62-08) in practice

# The NAPAS members whose apps read VietQR, by BIN (the bank's 6-digit identifier in NAPAS).
BANKS = {
    "970436": "Vietcombank",
    "970415": "VietinBank",
    "970418": "BIDV",
    "970405": "Agribank",
    "970407": "Techcombank",
    "970422": "MB Bank",
    "970416": "ACB",
    "970432": "VPBank",
    "970423": "TPBank",
    "970403": "Sacombank",
    "970437": "HDBank",
    "970441": "VIB",
    "970443": "SHB",
    "970431": "Eximbank",
    "970426": "MSB",
    "970448": "OCB",
    "970440": "SeABank",
    "970449": "LPBank",
    "970428": "Nam A Bank",
    "970409": "Bac A Bank",
    "970406": "DongA Bank",
    "970429": "SCB",
    "970425": "ABBANK",
    "970452": "KienlongBank",
    "970412": "PVcomBank",
    "970438": "BaoViet Bank",
    "970427": "VietA Bank",
    "970400": "Saigonbank",
    "970419": "NCB",
    "970454": "BVBank",
    "970433": "Vietbank",
    "970430": "PG Bank",
    "970414": "MBV",
    "970458": "UOB Việt Nam",
    "970424": "Shinhan Bank",
    "970457": "Woori Bank",
}
BANK_CHOICES = sorted(((bin_, f"{name} ({bin_})") for bin_, name in BANKS.items()), key=lambda c: c[1])


class VietQRError(ValueError):
    """Not a valid VietQR payload (structure, CRC, or a field out of the standard)."""


def crc16_ccitt(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def _tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQRError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def ascii_text(text: str, limit: int) -> str:
    """What banks accept in a QR's text fields: ASCII letters, digits and spaces, without diacritics."""
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^A-Za-z0-9 ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()[:limit].strip()


def build(*, bank_bin: str, account: str, amount: int | None = None, purpose: str = "") -> str:
    """The payload for a transfer of `amount` đồng (whole, no decimals) to `account` at `bank_bin`."""
    if not re.fullmatch(r"\d{6}", bank_bin or ""):
        raise VietQRError("the bank BIN has 6 digits")
    if not re.fullmatch(r"[A-Za-z0-9]{1,19}", account or ""):
        raise VietQRError("the account number has 1 to 19 letters or digits")
    if amount is not None and (not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0):
        raise VietQRError("the amount is a positive whole number of đồng")
    beneficiary = _tlv("00", bank_bin) + _tlv("01", account)
    merchant = _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", SERVICE_TO_ACCOUNT)
    payload = _tlv("00", "01") + _tlv("01", "12" if amount else "11") + _tlv("38", merchant)
    payload += _tlv("53", CURRENCY_VND)
    if amount:
        payload += _tlv("54", str(amount))
    payload += _tlv("58", COUNTRY)
    purpose = ascii_text(purpose, MAX_PURPOSE)
    if purpose:
        payload += _tlv("62", _tlv("08", purpose))
    payload += "6304"
    return payload + f"{crc16_ccitt(payload.encode('ascii')):04X}"


@dataclass(frozen=True)
class VietQR:
    bank_bin: str
    account: str
    service: str
    amount: int | None
    purpose: str
    currency: str
    country: str
    dynamic: bool
    fields: dict

    @property
    def bank_name(self) -> str:
        return BANKS.get(self.bank_bin, self.bank_bin)


def _fields(text: str) -> dict:
    fields, position = {}, 0
    while position < len(text):
        tag, size = text[position : position + 2], text[position + 2 : position + 4]
        if not (tag.isdigit() and size.isdigit()) or position + 4 + int(size) > len(text):
            raise VietQRError(f"malformed field at position {position}")
        fields[tag] = text[position + 4 : position + 4 + int(size)]
        position += 4 + int(size)
    return fields


def parse(payload: str) -> VietQR:
    """The fields of a VietQR payload, after checking its CRC; raises VietQRError."""
    payload = (payload or "").strip()
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise VietQRError("the payload does not end with its CRC (tag 63)")
    expected = f"{crc16_ccitt(payload[:-4].encode('utf-8')):04X}"
    if payload[-4:].upper() != expected:
        raise VietQRError(f"wrong CRC: {payload[-4:]} instead of {expected}")
    fields = _fields(payload[:-8])
    if fields.get("00") != "01":
        raise VietQRError("not an EMVCo payload (tag 00 must be 01)")
    merchant = _fields(fields.get("38", ""))
    if merchant.get("00") != NAPAS_GUID:
        raise VietQRError("not a VietQR payload (no NAPAS GUID in tag 38)")
    beneficiary = _fields(merchant.get("01", ""))
    amount = fields.get("54")
    if amount is not None and not amount.isdigit():
        raise VietQRError("the amount is not a whole number of đồng")
    return VietQR(
        bank_bin=beneficiary.get("00", ""),
        account=beneficiary.get("01", ""),
        service=merchant.get("02", ""),
        amount=int(amount) if amount else None,
        purpose=_fields(fields.get("62", "")).get("08", ""),
        currency=fields.get("53", ""),
        country=fields.get("58", ""),
        dynamic=fields.get("01") == "12",
        fields=fields,
    )


# --- opening a banking app from a phone -----------------------------------------------------------


@dataclass(frozen=True)
class AppLink:
    app_id: str
    name: str
    autofill: bool  # the app fills in account, amount and note; the others open at their transfer screen
    url: str


@functools.cache
def _deep_links() -> dict:
    """The bundled list of banking apps (`vietqr_apps.json`, where its source and date are written)."""
    return json.loads((Path(__file__).with_name("vietqr_apps.json")).read_text(encoding="utf-8"))


def app_links(
    *,
    bank_bin: str,
    account: str,
    amount: int | None,
    note: str,
    account_name: str = "",
    return_url: str = "",
) -> list[AppLink]:
    """A link per known banking app that opens it with this transfer (VietQR.io's deep-link scheme);
    none when the receiving bank has no code in the list."""
    data = _deep_links()
    bank_code = data["bank_codes"].get(bank_bin)
    if not bank_code or not re.fullmatch(r"[A-Za-z0-9]{1,19}", account or ""):
        return []
    # The scheme wants `@` in `ba` and the return link as they are; everything else query-encoded.
    query = f"ba={account}@{bank_code}"
    if amount:
        query += f"&am={int(amount)}"
    purpose = ascii_text(note, MAX_PURPOSE)
    if purpose:
        query += f"&tn={quote(purpose, safe='')}"
    name = ascii_text(account_name, 50).upper()
    if name:
        query += f"&bn={quote(name, safe='')}"
    if return_url.startswith(("https://", "http://")) and not set("?&#") & set(return_url):
        query += f"&url={return_url}"
    return [
        AppLink(app["id"], app["name"], bool(app["autofill"]), f"{data['link']}?app={app['id']}&{query}")
        for app in data["apps"]
    ]
