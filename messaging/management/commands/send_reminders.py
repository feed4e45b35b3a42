"""Send the reminders that are due, once each (cron or Celery beat, every few minutes)."""

from django.core.management.base import BaseCommand

from messaging.services import send_due_reminders


class Command(BaseCommand):
    help = "Send the reminders due before events and workshops; never the same one twice."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what is due; send nothing.")

    def handle(self, *args, dry_run=False, **options):
        counts = send_due_reminders(dry_run=dry_run)
        self.stdout.write(
            f"{counts['due']} reminder(s) due, {counts['sent']} sent, {counts['failed']} failed."
        )
