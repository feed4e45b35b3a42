"""Every state change of registration, one module per process.

Each function owns its transaction, locks the rows whose state or capacity it changes
(`select_for_update`, always in primary-key order so two transactions never deadlock), writes an
audit entry, and sends e-mail only after commit. Domain errors carry a machine code.

Views, other apps and tests import from here (`services.place_order`); the modules import each other.
"""

from .approval import approve_order, reject_order
from .bank_transfers import (
    Payable,
    bank_payable_kinds,
    choose_bank_transfer,
    ignore_transfer,
    import_statement,
    match_manually,
    receive_transfer,
    reconciliation_rows,
    record_bank_refund,
    register_payable,
    remind_bank_transfers,
    suggestions,
    waiting_payables,
)
from .capacity import (
    check_no_overlap,
    seats_taken,
    signup_sessions,
    tickets_used,
    with_seat_counts,
    with_sold_and_held,
    with_used_counts,
)
from .checkout import apply_failed_session, apply_paid_session, settle_payment, start_payment
from .common import RegistrationError, rules_for
from .emails import record_email, send_order_email
from .expiry import expire_order, expire_orders
from .orders import AttendeeData, cancel_order, confirm_email, place_order, walk_in
from .privacy import (
    download_personal_data,
    erase_personal_data,
    erase_shared_details,
    person_for,
    personal_data,
    privacy_sections,
    record_request,
    shared_copies,
    withdraw_sharing,
)
from .reconciliation import reconcile_payments
from .refunds import apply_refund, refund_amount_for
from .retention import RetentionBusy, apply_retention
from .self_service import change_workshops, rename_attendee, resend_confirmation
from .waiting_list import promote_waiting_list
from .webhooks import handle_stripe_event, register_webhook_handler

__all__ = [
    "AttendeeData",
    "Payable",
    "RegistrationError",
    "RetentionBusy",
    "apply_failed_session",
    "apply_paid_session",
    "apply_refund",
    "apply_retention",
    "approve_order",
    "bank_payable_kinds",
    "cancel_order",
    "change_workshops",
    "check_no_overlap",
    "choose_bank_transfer",
    "confirm_email",
    "download_personal_data",
    "erase_personal_data",
    "erase_shared_details",
    "expire_order",
    "expire_orders",
    "handle_stripe_event",
    "person_for",
    "ignore_transfer",
    "import_statement",
    "match_manually",
    "personal_data",
    "privacy_sections",
    "place_order",
    "promote_waiting_list",
    "receive_transfer",
    "reconciliation_rows",
    "reconcile_payments",
    "record_request",
    "record_bank_refund",
    "record_email",
    "refund_amount_for",
    "register_payable",
    "register_webhook_handler",
    "reject_order",
    "remind_bank_transfers",
    "rename_attendee",
    "resend_confirmation",
    "rules_for",
    "seats_taken",
    "shared_copies",
    "send_order_email",
    "settle_payment",
    "signup_sessions",
    "start_payment",
    "suggestions",
    "tickets_used",
    "waiting_payables",
    "walk_in",
    "with_seat_counts",
    "with_sold_and_held",
    "with_used_counts",
    "withdraw_sharing",
]
