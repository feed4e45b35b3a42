"""Invite admitted attendees to rate the sessions of a finished day, once (cron or Celery beat, hourly)."""

from django.core.management.base import BaseCommand

from participation.services import send_feedback_invitations


class Command(BaseCommand):
    help = "E-mail each admitted attendee, once per day of sessions, the links to rate the sessions."

    def handle(self, *args, **options):
        count = send_feedback_invitations()
        self.stdout.write(f"{count} feedback invitation(s) sent.")
