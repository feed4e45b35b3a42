"""Registration in the Wagtail admin: audit log labels, ticket types, orders, attendees, capacity."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

LOG_ACTIONS = {
    "registration.order_placed": _("Order placed"),
    "registration.email_confirmed": _("E-mail address confirmed"),
    "registration.order_confirmed": _("Order confirmed"),
    "registration.order_approved": _("Order approved"),
    "registration.order_rejected": _("Order rejected"),
    "registration.order_expired": _("Hold expired"),
    "registration.order_cancelled": _("Order cancelled"),
    "registration.seat_promoted": _("Promoted from the waiting list"),
    "registration.workshops_changed": _("Workshop choices changed"),
    "registration.email_resent": _("E-mail sent again"),
    "registration.attendee_renamed": _("Attendee renamed"),
    "registration.personal_data_erased": _("Personal data erased"),
    "registration.payment_started": _("Payment started"),
    "registration.payment_received": _("Payment received"),
    "registration.late_payment_refunded": _("Late payment refunded (sold out)"),
    "registration.duplicate_payment_refunded": _("Duplicate payment refunded"),
    "registration.order_refunded_in_stripe": _("Refunded in Stripe"),
    "registration.partial_refund_recorded": _("Partial refund recorded"),
    "registration.exported": _("Attendee data exported"),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)
