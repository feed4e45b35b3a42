"""Issue the certificates earned at certifying classes that have ended (idempotent: run it any time)."""

from django.core.management.base import BaseCommand

from certificates import services


class Command(BaseCommand):
    help = "Issue certificates to the admitted attendees of certifying classes that have ended."

    def add_arguments(self, parser):
        parser.add_argument("--event", type=int, help="Only this class (the event page's id).")

    def handle(self, *args, **options):
        classes = services.certifying_classes()
        if options["event"]:
            classes = classes.filter(pk=options["event"])
        total = 0
        for event in classes.order_by("starts_at", "pk"):
            made = services.issue_for_class(event)
            total += made
            self.stdout.write(f"{event.pk} {event.title}: {made}")
        self.stdout.write(f"issued {total}")
