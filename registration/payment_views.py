"""Paying for an order: off to Stripe Checkout and back, and Stripe's webhook (outside the language prefix)."""

import logging

from django.contrib import messages
from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.links import absolute_url
from core.responses import json_error

from . import bank_details, payments, services
from .bank_formats import TransferFormatError
from .models import OrderStatus, PaymentMethod
from .services import bank_webhook as bank_webhook_service
from .views import order_or_404

logger = logging.getLogger(__name__)


@never_cache
def pay(request, token):
    """Card (Stripe Checkout) or bank transfer (VietQR): the choice when the event takes both, then go."""
    order = order_or_404(token)
    if order.status != OrderStatus.PENDING_PAYMENT:
        return redirect("registration:manage", token=token)
    bank = bank_details.bank_account_for(order.event) is not None
    card = payments.is_configured()
    method = request.POST.get("method") if request.method == "POST" else None
    if bank and method == PaymentMethod.BANK:
        try:
            services.choose_bank_transfer(order)
        except services.RegistrationError as exc:
            return render(
                request,
                "registration/message.html",
                {"title": _("Payment"), "message": exc.message},
                status=409,
            )
        return redirect("registration:pay_bank", token=token)
    if bank and method != PaymentMethod.CARD:
        if order.payment_method == PaymentMethod.BANK and request.method == "GET":
            return redirect("registration:pay_bank", token=token)
        return render(
            request,
            "registration/pay_choice.html",
            {"order": order, "token": token, "card": card, "event": order.event},
            status=400 if method else 200,
        )
    return _pay_by_card(request, order, token)


def _pay_by_card(request, order, token):
    """Send the attendee to Stripe Checkout; if Stripe is down, say so and keep the hold."""
    try:
        url = services.start_payment(
            order,
            success_url=absolute_url(reverse("registration:payment_return", args=[token]))
            + "?session_id={CHECKOUT_SESSION_ID}",
            cancel_url=absolute_url(reverse("registration:payment_cancelled", args=[token])),
        )
    except payments.PaymentsNotConfigured:
        return render(
            request,
            "registration/message.html",
            {
                "title": _("Online payment not configured"),
                "message": _("Online payment is not configured yet."),
            },
            status=503,
        )
    except payments.PaymentError:
        return render(
            request,
            "registration/payment_unavailable.html",
            {"order": order, "token": token},
            status=503,
        )
    except services.RegistrationError as exc:
        return render(
            request, "registration/message.html", {"title": _("Payment"), "message": exc.message}, status=409
        )
    return redirect(url)


@never_cache
def payment_return(request, token):
    """Back from Stripe: re-fetch the session (verified evidence) and tell the truth."""
    order = order_or_404(token)
    session_id = request.GET.get("session_id", "")
    if order.status == OrderStatus.PENDING_PAYMENT and session_id and session_id == order.stripe_session_id:
        try:
            session = payments.retrieve_checkout_session(session_id)
            if session.is_paid:
                services.apply_paid_session(session)
        except payments.PaymentError:
            logger.warning("could not re-fetch Checkout Session %s", session_id)
        order.refresh_from_db()
    if order.status == OrderStatus.CONFIRMED:
        messages.success(request, _("Payment received: your registration is confirmed."))
        return redirect("registration:manage", token=token)
    return render(request, "registration/payment_return.html", {"order": order, "token": token})


@never_cache
def pay_bank(request, token):
    """The bank-transfer page: the VietQR code and each detail to copy; it turns to "paid" by itself."""
    order = order_or_404(token)
    details = bank_details.order_payment_details(order)
    if details is None or order.payment_method != PaymentMethod.BANK:
        return redirect("registration:pay", token=token)
    return render(
        request,
        "registration/pay_bank.html",
        {
            "order": order,
            "token": token,
            "event": order.event.localized_for(translation.get_language() or "vi"),
            "details": details,
            "apps": details.app_links(return_url=absolute_url(request.path)),
            "paid": order.status == OrderStatus.CONFIRMED,
            "waiting": order.status == OrderStatus.PENDING_PAYMENT,
        },
    )


@never_cache
def payment_status(request, token):
    """What the payment page asks every few seconds: has the money arrived?"""
    order = order_or_404(token)
    details = bank_details.order_payment_details(order)
    return JsonResponse(
        {
            "status": order.status,
            "paid": order.status == OrderStatus.CONFIRMED,
            "received": details.received if details else 0,
            "remaining": details.amount if details else 0,
        }
    )


def payment_cancelled(request, token):
    order = order_or_404(token)
    return render(request, "registration/payment_cancelled.html", {"order": order, "token": token})


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events: signature checked, each event applied once, 503 when Stripe should retry."""
    try:
        event = payments.verify_webhook(request.body, request.headers.get("Stripe-Signature"))
    except payments.WebhookSignatureError as exc:
        return json_error("invalid_signature", exc)
    if not isinstance(event, dict) or "id" not in event:
        return json_error("invalid_event")
    try:
        outcome = services.handle_stripe_event(event)
    except payments.PaymentError as exc:
        logger.warning("Stripe event %s: will retry: %s", event["id"], exc)
        return json_error("retry", exc, status=503)
    except DatabaseError:
        logger.exception("Stripe event %s: database unavailable", event["id"])
        return json_error("retry", status=503)
    return JsonResponse({"status": "ok", "outcome": outcome})


@csrf_exempt
@require_POST
def bank_webhook(request):
    """Incoming transfers from a bank-notification service: signed, recorded once, matched."""
    try:
        incoming = bank_webhook_service.verify_and_read(request.body, request.headers.get("X-Signature"))
    except bank_webhook_service.Unsigned as exc:
        return json_error("invalid_signature", exc, status=401)
    except TransferFormatError as exc:
        return json_error(getattr(exc, "code", "invalid_body"), exc)
    try:
        outcome = bank_webhook_service.receive(incoming)
    except DatabaseError:
        logger.exception("bank notification: database unavailable")
        return json_error("retry", status=503)
    return JsonResponse(outcome)
