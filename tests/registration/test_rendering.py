"""What the registration pages say (issue 13): nothing that contradicts the ticket's state."""

import pytest
from django.urls import reverse
from django.utils import translation

from registration import services, tokens

from .conftest import attendee

pytestmark = pytest.mark.django_db

ENTRANCE = "Xuất trình mã này tại cửa vào"


def ticket_page(client, order):
    ticket = order.tickets.get()
    with translation.override("vi"):
        url = reverse("registration:ticket", args=[tokens.manage_token(order), ticket.pk])
    return client.get(url).content.decode()


def test_a_cancelled_ticket_does_not_ask_to_be_shown_at_the_entrance(client, event, free_type):
    order = services.place_order(
        event=event, email="a@example.com", attendees=[attendee(free_type)], consent=True
    )
    services.confirm_email(order)
    assert ENTRANCE in ticket_page(client, order)
    services.cancel_order(order)
    page = ticket_page(client, order)
    assert ENTRANCE not in page and "<svg" not in page
