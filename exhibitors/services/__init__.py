"""Every state change of the showcase, one module per process.

applications (apply, review, confirm, cancel, expiry), booths (stock, assignment), payments (booth fees
through Stripe Checkout and their webhook), members (portal accounts, invitations, company profile),
products (edit, review, publish, badge), images (logos, galleries), leads (scanning, notes, export).
Views, the portal, the admin and tests call them as `services.X`; the modules import each other directly.
"""

from exhibitors.errors import ExhibitorError
from exhibitors.services.applications import (
    approve_application,
    cancel_application,
    confirm_application,
    expire_unpaid_applications,
    reject_application,
    submit_application,
)
from exhibitors.services.booths import assign_booth, remaining_booths
from exhibitors.services.images import add_product_image, remove_product_image, store_image
from exhibitors.services.leads import record_lead, update_lead, write_leads_csv
from exhibitors.services.members import ensure_member, invite_member, update_exhibitor_profile
from exhibitors.services.payments import (
    BoothPayable,
    booth_bank_details,
    handle_booth_webhook,
    mark_application_paid,
    payments_enabled,
    reconcile_booth_payments,
    start_booth_payment,
)
from exhibitors.services.products import (
    approve_product,
    create_product,
    reject_product,
    set_verified_badge,
    submit_product,
    unpublish_product,
    update_product,
)

__all__ = [
    "ExhibitorError",
    "add_product_image",
    "approve_application",
    "approve_product",
    "assign_booth",
    "cancel_application",
    "confirm_application",
    "create_product",
    "ensure_member",
    "expire_unpaid_applications",
    "handle_booth_webhook",
    "invite_member",
    "mark_application_paid",
    "BoothPayable",
    "booth_bank_details",
    "payments_enabled",
    "reconcile_booth_payments",
    "record_lead",
    "reject_application",
    "reject_product",
    "remaining_booths",
    "remove_product_image",
    "set_verified_badge",
    "start_booth_payment",
    "store_image",
    "submit_application",
    "submit_product",
    "unpublish_product",
    "update_exhibitor_profile",
    "update_lead",
    "update_product",
    "write_leads_csv",
]
