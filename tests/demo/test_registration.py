"""Demo registrations: every order state present, realistic data, idempotent."""

import random

import pytest
from django.utils import timezone

from core.text import fold
from demo.loaders import content, events, registration
from registration.models import Order, OrderStatus, SessionSeat, Ticket, TicketType

pytestmark = pytest.mark.django_db


def load_all(scale=1):
    lines = []
    content.load(scale=scale, rng=random.Random(1), log=lines.append)
    events.load(scale=scale, rng=random.Random(2), log=lines.append)
    registration.load(scale=scale, rng=random.Random(3), log=lines.append)
    return lines


def test_demo_has_every_state_and_is_idempotent():
    lines = load_all()
    assert set(Order.objects.values_list("status", flat=True)) == set(OrderStatus.values)
    # 200 for the Day (the last order may take it to 202), the classes' on top; the past editions'
    # attendees come on top too (tests/privacy).
    coming = Ticket.objects.filter(ticket_type__event__ends_at__gte=timezone.now())
    the_day = coming.filter(ticket_type__event__event_type="digital_day")
    assert 200 <= the_day.count() <= 202
    assert 0 < coming.count() - the_day.count() <= 30
    assert TicketType.objects.filter(price__gt=0).exists()
    assert TicketType.objects.filter(requires_approval=True).exists()
    assert TicketType.objects.filter(is_hidden=True).exists()
    assert SessionSeat.objects.exists()
    assert any("registrations" in line or "demo orders" in line for line in lines)
    counts = (
        Order.objects.count(),
        Ticket.objects.count(),
        SessionSeat.objects.count(),
        TicketType.objects.count(),
    )
    load_all()
    assert (
        Order.objects.count(),
        Ticket.objects.count(),
        SessionSeat.objects.count(),
        TicketType.objects.count(),
    ) == counts
    # Capacity is respected by the demo too.
    for ticket_type in TicketType.objects.exclude(capacity=None):
        assert ticket_type.remaining >= 0


def test_demo_tickets_are_searchable_without_accents():
    load_all()
    ticket = Ticket.objects.exclude(attendee_name="").first()
    assert fold(ticket.attendee_name) in ticket.search_text
