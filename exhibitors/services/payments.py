"""Booth fees: through the registration app's Stripe Checkout, or by bank transfer (VietQR) matched by
the registration app's transfer matching; confirmed only on verified evidence either way."""

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from exhibitors.errors import ExhibitorError
from exhibitors.models import ApplicationStatus, ExhibitorApplication
from exhibitors.services.applications import confirm_application
from exhibitors.services.workflow import locked_application, move
from registration import bank_details
from registration import payments as stripe_checkout
from registration.models import BankTransfer, TransferStatus
from registration.services import Payable

PAID_SESSION_EVENTS = ("checkout.session.completed", "checkout.session.async_payment_succeeded")


def start_booth_payment(application, *, success_url, cancel_url, language="vi"):
    """A Stripe Checkout Session for the booth fee; the webhook (metadata kind="booth") confirms it."""
    application = ExhibitorApplication.objects.select_related("package", "event").get(pk=application.pk)
    if not application.needs_payment:
        raise ExhibitorError(_("Nothing to pay for this application."), code="nothing_to_pay")
    if application.payment_deadline and application.payment_deadline < timezone.now():
        raise ExhibitorError(
            _("The payment deadline has passed; please contact the organisers."), code="expired"
        )
    with translation.override(language):
        name = str(_("Booth %(package)s, %(event)s")) % {
            "package": application.package.name,
            "event": application.event.title,
        }
    session = stripe_checkout.create_checkout_session(
        reference=application.reference,
        line_items=[stripe_checkout.LineItem(name=name, unit_amount=application.amount)],
        success_url=success_url,
        cancel_url=cancel_url,
        metadata={"kind": "booth", "application": str(application.pk)},
        customer_email=application.contact_email,
        locale=language,
        idempotency_key=f"booth-{application.reference}-{application.amount}",
    )
    ExhibitorApplication.objects.filter(pk=application.pk).update(payment_reference=session.id)
    log(instance=application, action="exhibitors.payment_started", user=None, data={"session": session.id})
    return session


@transaction.atomic
def mark_application_paid(application, *, payment_reference, amount=None, user=None):
    """Verified evidence of payment arrived (webhook or re-fetch): paid, then confirmed. Idempotent."""
    application = locked_application(application)
    if application.status in (ApplicationStatus.PAID, ApplicationStatus.CONFIRMED) and application.paid_at:
        return application
    if amount is not None and int(amount) != application.amount:
        raise ExhibitorError(_("The amount paid does not match the booth fee."), code="amount_mismatch")
    move(application, ApplicationStatus.PAID)
    application.paid_at = timezone.now()
    application.payment_reference = payment_reference or ""
    application.save(update_fields=["status", "paid_at", "payment_reference"])
    log(
        instance=application,
        action="exhibitors.application_paid",
        user=user,
        data={"payment": payment_reference},
    )
    return confirm_application(application, user=user)


def handle_booth_webhook(event_type, session):
    """Stripe webhook handler for Checkout Sessions with metadata kind="booth" (registered in apps.py).

    The body is not trusted alone: the session is fetched again from Stripe before anything changes.
    """
    reference = session.metadata.get("reference") or session.client_reference_id
    application = ExhibitorApplication.objects.filter(reference=reference).first()
    if application is None:
        return "unknown_application"
    if event_type not in PAID_SESSION_EVENTS:
        return "ignored"
    fresh = stripe_checkout.retrieve_checkout_session(session.id)
    if not fresh.is_paid:
        return "awaiting_async_payment"
    if fresh.client_reference_id and fresh.client_reference_id != application.reference:
        return "reference_mismatch"
    try:
        mark_application_paid(
            application, payment_reference=fresh.payment_intent or fresh.id, amount=fresh.amount_total
        )
    except ExhibitorError as error:
        return f"refused_{error.code}"
    return "booth_paid"


def reconcile_booth_payments(exhibitor):
    """Back from Stripe Checkout: ask Stripe about open booth payments instead of waiting for the webhook."""
    pending = exhibitor.applications.filter(
        status=ApplicationStatus.APPROVED, payment_reference__startswith="cs_"
    )
    for application in pending:
        try:
            session = stripe_checkout.retrieve_checkout_session(application.payment_reference)
            handle_booth_webhook("checkout.session.completed", session)
        except stripe_checkout.PaymentError:  # Stripe unreachable or not configured: the webhook will tell
            continue


def payments_enabled():
    return stripe_checkout.is_configured()


def booth_bank_details(application):
    """The VietQR code and details for paying this booth fee by transfer; None when no account is set."""
    if not application.needs_payment:
        return None
    account = bank_details.bank_account_for(application.event)
    if account is None:
        return None
    return bank_details.payment_details(
        account,
        reference=application.reference,
        amount_due=application.amount,
        received=bank_details.received_for("booth", application.reference),
    )


class BoothPayable(Payable):
    """Booth fees as something a bank transfer pays for: the note carries `DTD GH7K3M9QX`."""

    kind = "booth"

    def find(self, references):
        wanted = {f"GH-{r[2:]}" for r in references if len(r) == 9 and r.startswith("GH")}
        found = ExhibitorApplication.objects.filter(reference__in=wanted) if wanted else []
        return {bank_details.compact(application.reference): application for application in found}

    def apply(self, transfer, application, now, user):
        application = locked_application(application)
        transfer.reference = application.reference
        if not application.needs_payment:
            # Paid already, or not (or no longer) awaiting payment: this money goes back.
            transfer.status, transfer.refund_due = TransferStatus.REFUND_DUE, transfer.amount
            log(
                instance=application,
                action="exhibitors.transfer_refund_due",
                user=user,
                data={"transaction": transfer.transaction_id, "amount": transfer.amount},
            )
            return
        received = bank_details.received_for("booth", application.reference) + transfer.amount
        if received < application.amount:
            transfer.status = TransferStatus.PARTIAL
            log(
                instance=application,
                action="exhibitors.transfer_partial",
                user=user,
                data={"transaction": transfer.transaction_id, "remaining": application.amount - received},
            )
            return
        mark_application_paid(application, payment_reference=transfer.transaction_id, user=user)
        excess = received - application.amount
        transfer.status = TransferStatus.OVERPAID if excess else TransferStatus.MATCHED
        transfer.refund_due = excess

    def candidates(self):
        waiting = list(
            ExhibitorApplication.objects.filter(status=ApplicationStatus.APPROVED, amount__gt=0)
            .select_related("exhibitor", "event")
            .order_by("-pk")[:200]
        )
        received = dict(
            BankTransfer.objects.filter(
                kind="booth", status__in=bank_details.PAYING, reference__in=[a.reference for a in waiting]
            )
            .values_list("reference")
            .annotate(total=Sum("amount"))
        )
        return [
            (
                application.reference,
                f"{application.exhibitor.name} · {application.event.title}",
                application.amount - received.get(application.reference, 0),
            )
            for application in waiting
        ]
