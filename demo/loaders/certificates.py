"""Demo certificates: each digital-skills class already held gets its attendees, admitted at its door,
and their certificates, as `manage.py issue_certificates` issues them once a class is over.

Data: demo/data/certificates/. Idempotent: a class that already has orders keeps them; issuing skips
certificates already made.
"""

from datetime import timedelta

from certificates import services
from checkin.models import CheckIn, CheckInList, CheckInType
from demo.files import read
from demo.loaders.registration import (
    PAST_NUMBERS,
    create_orders,
    create_tickets,
    ensure_ticket_types,
    reference,
)
from registration.models import Order, OrderStatus, Ticket, TicketStatus

# Order numbers of past classes: after the past editions' (PAST_NUMBERS + year × 100), one block per class.
CLASS_NUMBERS = PAST_NUMBERS + 500_000


def load(scale, rng, log):
    data = read("certificates", "held_classes")
    ticket_specs = read("registration", "ticket_types")
    people = read("registration", "attendees")
    issued = 0
    for event in services.certifying_classes().order_by("starts_at", "pk"):
        if not Order.objects.filter(event=event).exists():
            admit_attendees(event, data, ticket_specs, people, rng)
        issued += services.issue_for_class(event)
    log(f"  {issued} certificates for the digital-skills classes already held")


def admit_attendees(event, data, ticket_specs, people, rng):
    """The class's attendees, registered some days before and scanned at its door when it began."""
    ticket_type = ensure_ticket_types(event, ticket_specs["class"][:1])[0]
    start = CLASS_NUMBERS + event.pk * 100
    chunk = [
        (number, reference(number), event, ticket_type, OrderStatus.CONFIRMED, 1)
        for number in range(start, start + data["attendees_per_class"])
    ]
    orders = create_orders(chunk, rng, event.starts_at - timedelta(days=data["registered_days_before"]))
    create_tickets(chunk, orders, people, rng)
    door, _created = CheckInList.objects.get_or_create(event=event, session=None, name=data["door"])
    CheckIn.objects.bulk_create(
        CheckIn(ticket=ticket, checkin_list=door, type=CheckInType.ENTRY, created_at=event.starts_at)
        for ticket in Ticket.objects.filter(order__event=event, status=TicketStatus.VALID)
    )
