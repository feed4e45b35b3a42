"""The registration models and factories others rely on."""

import pytest
from django.core.management import call_command

from registration.models import Order, OrderStatus, Ticket
from tests.factories.registration import SessionSeatFactory, TicketFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


def test_ticket_factory_makes_a_confirmed_valid_ticket():
    ticket = TicketFactory()
    assert ticket.order.status == OrderStatus.CONFIRMED
    assert ticket.is_valid
    assert ticket.order.event_id == ticket.ticket_type.event_id
    assert len(ticket.secret) >= 22
    assert ticket.attendee_name not in str(ticket)  # labels go into the audit log


def test_references_and_secrets_are_unique():
    ticket_type = TicketTypeFactory()
    tickets = TicketFactory.create_batch(3, ticket_type=ticket_type)
    assert len({t.secret for t in tickets}) == 3
    assert Order.objects.values("reference").distinct().count() == Order.objects.count()
    assert Ticket._meta.get_field("secret").unique


def test_seat_factory():
    seat = SessionSeatFactory()
    assert seat.session.requires_signup
    assert seat.session.event_id == seat.ticket.order.event_id


def test_no_missing_migrations():
    call_command("makemigrations", "registration", "--check", "--dry-run", verbosity=0)
