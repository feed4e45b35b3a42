"""Cancel booth approvals whose payment deadline has passed (run it hourly from cron or Celery beat)."""

from django.core.management.base import BaseCommand

from exhibitors.services import expire_unpaid_applications


class Command(BaseCommand):
    help = "Cancel approved booth applications that were not paid by their deadline."

    def handle(self, *args, **options):
        self.stdout.write(f"{expire_unpaid_applications()} application(s) cancelled")
