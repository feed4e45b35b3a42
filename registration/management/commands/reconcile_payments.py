"""Re-fetch from Stripe the Checkout Session of every order still waiting for payment (lost webhooks)."""

from django.core.management.base import BaseCommand, CommandError

from registration import payments
from registration.services import reconcile_payments


class Command(BaseCommand):
    help = "Re-fetch pending orders' Checkout Sessions from Stripe and apply what they say."

    def handle(self, *args, **options):
        if not payments.is_configured():
            raise CommandError("STRIPE_SECRET_KEY is not set: there is nothing to reconcile.")
        outcomes = reconcile_payments(log_line=self.stdout.write)
        self.stdout.write(
            "Done: " + (", ".join(f"{k}={v}" for k, v in sorted(outcomes.items())) or "nothing pending")
        )
