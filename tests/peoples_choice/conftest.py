"""Fixtures for the people's choice: an event happening now with an open round, exhibitors' products, a ticket."""

from datetime import timedelta

import pytest
from django.utils import timezone

from exhibitors.models import ApplicationStatus
from peoples_choice.models import VoteRound
from registration import tokens
from tests.exhibitors.conftest import home_pages_any_db  # noqa: F401 - shared with the concurrency test
from tests.factories.events import EventPageFactory
from tests.factories.exhibitors import ApplicationFactory, BoothPackageFactory, ProductFactory
from tests.factories.registration import OrderFactory, TicketFactory, TicketTypeFactory


def exhibiting_products(event, count, category="software"):
    """`count` published products of a company holding a confirmed booth at `event`."""
    application = ApplicationFactory(
        package=BoothPackageFactory(event=event), status=ApplicationStatus.CONFIRMED
    )
    return [ProductFactory(exhibitor=application.exhibitor, category=category) for _ in range(count)]


@pytest.fixture
def event(site_pages):
    now = timezone.now()
    return EventPageFactory(starts_at=now - timedelta(hours=2), ends_at=now + timedelta(hours=6))


@pytest.fixture
def vote_round(event):
    now = timezone.now()
    return VoteRound.objects.create(
        event=event,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=4),
        categories=["software", "hardware"],
    )


@pytest.fixture
def products(event):
    return exhibiting_products(event, 2) + exhibiting_products(event, 1, category="hardware")


def make_ticket(event, **order_fields):
    order = OrderFactory(event=event, **order_fields)
    return TicketFactory(order=order, ticket_type=TicketTypeFactory(event=event))


@pytest.fixture
def ticket(event):
    return make_ticket(event)


def ticket_path(ticket):
    return f"/vi/registration/{tokens.manage_token(ticket.order)}/ticket/{ticket.pk}/"


def vote_path(ticket):
    return ticket_path(ticket) + "vote/"
