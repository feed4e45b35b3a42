"""Every state change of the check-in app, one module per process.

- `redeem`: the scan (the hot path; its SQL is in checkin/sql.py), with `rules` deciding admission
- `undo`: taking a scan back within CHECKIN_UNDO_SECONDS
- `devices`: creating and revoking scanning devices, and recognising one by its token
- `search`: finding a ticket by name, e-mail, phone or order reference
- `offline`: the bundle a scanner downloads to go on scanning without the network
- `upload`: the scans it made offline, recorded in batches (first by scan time wins; the other is a conflict)

The rarer actions (undo, devices) also go to Wagtail's log; every scan is its own audit row.
"""

from checkin.services.devices import Scanner, create_device, revoke_device, scan_rate, scanner_for_token
from checkin.services.offline import offline_bundle, parse_cursor
from checkin.services.redeem import (
    MAX_GATE_LENGTH,
    MAX_NONCE_LENGTH,
    CheckinError,
    RedeemResult,
    is_well_formed,
    redeem_ticket,
)
from checkin.services.search import search_tickets
from checkin.services.undo import annul_checkin, undo_window
from checkin.services.upload import MAX_BATCH, UploadResult, upload_scans

__all__ = [
    "MAX_BATCH",
    "UploadResult",
    "offline_bundle",
    "parse_cursor",
    "upload_scans",
    "MAX_GATE_LENGTH",
    "MAX_NONCE_LENGTH",
    "CheckinError",
    "RedeemResult",
    "Scanner",
    "annul_checkin",
    "create_device",
    "is_well_formed",
    "redeem_ticket",
    "revoke_device",
    "scan_rate",
    "scanner_for_token",
    "search_tickets",
    "undo_window",
]
