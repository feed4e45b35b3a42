"""Query counts of the registration pages: the same for 1 and for 3 items."""

from datetime import timedelta

import pytest
from django.urls import reverse

from registration import services, tokens
from tests.factories.events import SessionFactory
from tests.factories.registration import TicketTypeFactory

from .conftest import attendee

pytestmark = pytest.mark.django_db


def test_register_page_queries_do_not_grow_with_ticket_types(count_queries, client, event):
    url = reverse("registration:register", args=[event.pk])
    TicketTypeFactory(event=event)
    one = count_queries(client, url)
    TicketTypeFactory.create_batch(2, event=event)
    three = count_queries(client, url)
    assert one == three


def test_details_page_queries_do_not_grow_with_workshops(count_queries, client, event, free_type):
    url = reverse("registration:details", args=[event.pk]) + f"?q_{free_type.pk}=1"

    def workshop(n):
        start = event.starts_at + timedelta(hours=n * 2)
        return SessionFactory(
            event=event, requires_signup=True, capacity=5, starts_at=start, ends_at=start + timedelta(hours=1)
        )

    workshop(1)
    one = count_queries(client, url)
    workshop(2)
    workshop(3)
    assert count_queries(client, url) == one


def test_manage_page_queries_do_not_grow_with_tickets(count_queries, client, event, free_type):
    def manage_url(size):
        order = services.place_order(
            event=event, email="a@example.com", attendees=[attendee(free_type)] * size, consent=True
        )
        services.confirm_email(order)
        return reverse("registration:manage", args=[tokens.manage_token(order)])

    one_url, three_url = manage_url(1), manage_url(3)
    assert count_queries(client, one_url) == count_queries(client, three_url)
