"""Release the places of pending orders whose hold has run out (cron or Celery beat, every minute)."""

from django.core.management.base import BaseCommand

from registration.services import expire_orders


class Command(BaseCommand):
    help = "Expire pending orders whose hold has run out and release their places."

    def handle(self, *args, **options):
        count = expire_orders()
        self.stdout.write(f"{count} order(s) expired.")
