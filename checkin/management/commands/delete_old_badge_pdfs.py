"""`manage.py delete_old_badge_pdfs`: delete bulk badge PDFs older than 14 days (for cron; beat runs it daily)."""

from django.core.management.base import BaseCommand

from checkin.badges import delete_old_jobs


class Command(BaseCommand):
    help = "Delete bulk badge PDFs (and their jobs) made more than 14 days ago: they hold attendees' names."

    def handle(self, *args, **options):
        self.stdout.write(f"{delete_old_jobs()} badge PDF(s) deleted.")
