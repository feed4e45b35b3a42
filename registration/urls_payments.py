"""Payment provider callbacks, outside the language prefix (Stripe posts to a fixed URL)."""

from django.urls import path

from . import views

urlpatterns = [
    path("payments/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
