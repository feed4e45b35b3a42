"""Booth fees through the registration app's Stripe Checkout, confirmed only on verified evidence."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from exhibitors.errors import ExhibitorError
from exhibitors.models import ApplicationStatus, ExhibitorApplication
from exhibitors.services.applications import confirm_application
from exhibitors.services.workflow import locked_application, move
from registration import payments as stripe_checkout

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
