"""Payment provider callbacks, outside the language prefix (Stripe posts to a fixed URL)."""

from django.urls import path

from . import payment_views

urlpatterns = [
    path("payments/stripe/webhook/", payment_views.stripe_webhook, name="stripe_webhook"),
    path("payments/bank/webhook/", payment_views.bank_webhook, name="bank_webhook"),
]
