"""Load realistic bilingual demo content; safe to run again (nothing is duplicated)."""

import importlib
import random

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that has demo data provides `<app>/demo.py` with `load(scale, rng, log)`; the order
# follows the import direction: pages first, then the programme, tickets, check-in, exhibitors.
DEMO_MODULES = ["content.demo", "events.demo", "registration.demo", "checkin.demo", "exhibitors.demo"]


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
            self.stderr.write("--scale must be 1 or more")
            return
        with transaction.atomic():
            for name in DEMO_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as error:
                    if error.name != name:
                        raise
                    continue
                self.stdout.write(f"{name}…")
                module.load(scale=scale, rng=random.Random(f"{seed}-{name}"), log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
