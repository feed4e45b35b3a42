"""Anonymise personal data kept past its retention period (cron or Celery beat, daily)."""

from django.core.management.base import BaseCommand, CommandError

from registration.services import RetentionBusy, apply_retention


class Command(BaseCommand):
    help = (
        "Anonymise attendees' details PRIVACY_RETAIN_ATTENDEES_MONTHS after their event ends and exhibitors' "
        "leads after PRIVACY_RETAIN_LEADS_MONTHS, keeping counts; one audit entry per run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be anonymised; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        try:
            counts = apply_retention(dry_run=dry_run)
        except RetentionBusy as busy:
            raise CommandError("Another retention run is under way; nothing was done.") from busy
        verb = "would be anonymised" if dry_run else "anonymised"
        for section, count in counts.items():
            self.stdout.write(f"{section}: {count} {verb}")
