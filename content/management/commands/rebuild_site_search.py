"""Refresh the accent-folded search text of every page (after an import or an upgrade)."""

from django.core.management.base import BaseCommand

from content.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the accent-insensitive site search text of every page."

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} pages."))
