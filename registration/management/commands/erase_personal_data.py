"""Erase one registration's personal data from a shell, for a request that came by phone or letter."""

from django.core.management.base import BaseCommand, CommandError

from registration import services
from registration.models import Order, PrivacyRequestChannel


class Command(BaseCommand):
    help = (
        "Erase every copy of the personal data of one order (tickets, e-mails, exhibitors' leads, support "
        "requests with the same e-mail), as the attendee's own erase link does; recorded as a request."
    )

    def add_arguments(self, parser):
        parser.add_argument("--order", required=True, help="The order's reference, e.g. DDD-7KQ2XM.")
        parser.add_argument("--yes", action="store_true", help="Do it without asking.")
        parser.add_argument(
            "--channel",
            default=PrivacyRequestChannel.PHONE,
            choices=PrivacyRequestChannel.values,
            help="How the request came (default: phone).",
        )
        parser.add_argument("--reason", default="", help="Why, and how the person was identified.")

    def handle(self, *args, order, yes=False, channel=PrivacyRequestChannel.PHONE, reason="", **options):
        reference = order.strip().upper()
        found = Order.objects.select_related("event").filter(reference=reference).first()
        if found is None:
            raise CommandError(f"No order with the reference {reference!r}: nothing was erased.")
        if found.erased_at:
            self.stdout.write(
                f"{reference}: personal data already erased on {found.erased_at:%Y-%m-%d %H:%M}."
            )
            return
        people = found.tickets.count()
        self.stdout.write(
            f"{reference} · {found.event.title} · {people} ticket(s) · {found.get_status_display()}"
        )
        if not yes and input("Erase all personal data of this order? Type 'yes': ").strip().lower() != "yes":
            raise CommandError("Not confirmed: nothing was erased.")
        try:
            services.erase_personal_data(
                found, channel=channel, reason=reason or "manage.py erase_personal_data"
            )
        except services.RegistrationError as error:
            raise CommandError(f"{reference}: {error.message}") from error
        self.stdout.write(f"{reference}: personal data erased.")
