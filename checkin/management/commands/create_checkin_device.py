"""`manage.py create_checkin_device NAME`: make a scanning device and print its token (shown once)."""

from django.core.management.base import BaseCommand, CommandError

from checkin.services import create_device
from events.models import EventPage


class Command(BaseCommand):
    help = "Create a check-in device and print its API token on the last line (it is not stored in clear)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="A name people recognise, such as 'Gate B lane 2'.")
        parser.add_argument("--event", type=int, default=None, help="Limit the device to this event page id.")

    def handle(self, *args, name, event, **options):
        name = name.strip()
        if not name:
            raise CommandError("The device needs a name.")
        event_page = None
        if event is not None:
            event_page = EventPage.objects.filter(pk=event).first()
            if event_page is None:
                raise CommandError(f"No event page with id {event}.")
            event_page = event_page.source_event
        device, token = create_device(name=name, event=event_page)
        self.stderr.write(
            f"Device {device.pk} '{device.name}' created. Keep this token safe, it is shown once:"
        )
        self.stdout.write(token)
