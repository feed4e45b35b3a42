"""Never oversell: truly parallel registrations, each thread with its own database connection."""

from datetime import timedelta

import pytest

from registration import services
from registration.models import OrderStatus, SeatStatus, SessionSeat
from tests.factories.events import EventPageFactory, SessionFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory

from .conftest import attendee

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_fifty_parallel_registrations_for_ten_places(run_parallel, site_pages):
    event = EventPageFactory()
    ticket_type = TicketTypeFactory(event=event, capacity=15)
    TicketFactory.create_batch(5, ticket_type=ticket_type)  # 10 places remain

    def register(index):
        order = services.place_order(
            event=event,
            email=f"p{index}@example.com",
            attendees=[attendee(ticket_type, email=f"p{index}@example.com")],
            consent=True,
        )
        return services.confirm_email(order).status

    results = run_parallel(50, register)
    confirmed = [r for r in results if r == OrderStatus.CONFIRMED]
    refused = [r for r in results if isinstance(r, services.RegistrationError)]
    assert len(confirmed) == 10
    assert len(refused) == 40 and {r.code for r in refused} == {"sold_out"}
    assert services.tickets_used(ticket_type) == 15


def test_parallel_workshop_signups_never_exceed_seats(run_parallel, site_pages):
    event = EventPageFactory()
    ticket_type = TicketTypeFactory(event=event, capacity=None)
    workshop = SessionFactory(
        event=event,
        requires_signup=True,
        capacity=3,
        session_type="workshop",
        starts_at=event.starts_at + timedelta(hours=1),
        ends_at=event.starts_at + timedelta(hours=2),
    )

    def register(index):
        order = services.place_order(
            event=event,
            email=f"w{index}@example.com",
            attendees=[attendee(ticket_type, sessions=[workshop])],
            consent=True,
        )
        return services.confirm_email(order).status

    results = run_parallel(20, register)
    assert all(r == OrderStatus.CONFIRMED for r in results), results
    seats = SessionSeat.objects.filter(session=workshop)
    assert seats.filter(status=SeatStatus.CONFIRMED).count() == 3
    assert seats.filter(status=SeatStatus.WAITING).count() == 17
