"""Load realistic bilingual demo content; safe to run again (nothing is duplicated)."""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.files import MissingDemoData
from demo.loaders import (
    certificates,
    checkin,
    consultations,
    content,
    events,
    exhibitors,
    participation,
    peoples_choice,
    registration,
)

# The order follows the import direction: pages first, then the programme, tickets, check-in, exhibitors,
# and what citizens said about them.
LOADERS = {
    "content": content,
    "events": events,
    "registration": registration,
    "checkin": checkin,
    "exhibitors": exhibitors,
    "participation": participation,
    "peoples_choice": peoples_choice,
    "consultations": consultations,
    "certificates": certificates,
}


class Command(BaseCommand):
    help = "Create or update the demo site: pages, news, events, tickets and exhibitors."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=1, help="Multiply the volume of data (for benchmarks)."
        )
        parser.add_argument(
            "--seed", type=int, default=2022, help="Random seed, so two runs give the same data."
        )

    def handle(self, *args, scale, seed, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        try:
            with transaction.atomic():
                for domain, loader in LOADERS.items():
                    self.stdout.write(f"{domain}…")
                    # Seeded by the name the domain's demo had inside its app, so a seed gives the same data.
                    rng = random.Random(f"{seed}-{domain}.demo")
                    loader.load(scale=scale, rng=rng, log=self.stdout.write)
        except MissingDemoData as error:
            raise CommandError(f"{error}; nothing was loaded.") from error
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
