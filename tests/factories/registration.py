"""Factories for registration: ticket types, orders and tickets (a confirmed, valid ticket by default).

Other apps' tests (check-in, exhibitors) use these: keep names and signatures stable.
"""

import factory
from django.conf import settings
from django.utils import timezone

from registration.models import (
    AttendeeCategory,
    Order,
    OrderStatus,
    SeatStatus,
    SessionSeat,
    Ticket,
    TicketStatus,
    TicketType,
)
from tests.factories.events import EventPageFactory, SessionFactory


class TicketTypeFactory(factory.django.DjangoModelFactory):
    """A free general-admission type with 100 places on a new event."""

    class Meta:
        model = TicketType

    event = factory.SubFactory(EventPageFactory)
    name_vi = factory.Sequence(lambda n: f"Vé tham dự {n}")
    name_en = factory.Sequence(lambda n: f"Admission {n}")
    description_vi = "Vào cửa khu triển lãm và hội trường chính."
    description_en = "Entry to the exhibition and the main hall."
    price = 0
    capacity = 100
    max_per_order = 5
    sort_order = factory.Sequence(lambda n: n)


class OrderFactory(factory.django.DjangoModelFactory):
    """A confirmed order (no tickets: use TicketFactory, which makes its own order by default)."""

    class Meta:
        model = Order

    event = factory.SubFactory(EventPageFactory)
    email = factory.Sequence(lambda n: f"nguoi.tham.du{n}@example.com")
    language = "vi"
    status = OrderStatus.CONFIRMED
    total = 0
    confirmed_at = factory.LazyFunction(timezone.now)
    consent_given_at = factory.LazyFunction(timezone.now)
    consent_policy_version = factory.LazyFunction(lambda: settings.PRIVACY_POLICY_VERSION)


class TicketFactory(factory.django.DjangoModelFactory):
    """A valid ticket in a confirmed order of the ticket type's event."""

    class Meta:
        model = Ticket

    ticket_type = factory.SubFactory(TicketTypeFactory)
    order = factory.SubFactory(
        OrderFactory,
        event=factory.SelfAttribute("..ticket_type.event"),
        total=factory.SelfAttribute("..ticket_type.price"),
    )
    attendee_name = factory.Sequence(lambda n: f"Nguyễn Thị Lan {n}")
    email = factory.LazyAttribute(lambda o: o.order.email)
    phone = factory.Sequence(lambda n: f"+8490{n % 10000000:07d}")
    organisation = "Công ty Cổ phần Phần mềm Đà Nẵng"
    job_title = "Kỹ sư"
    category = AttendeeCategory.BUSINESS
    status = TicketStatus.VALID
    price = factory.SelfAttribute("ticket_type.price")


class SessionSeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionSeat

    ticket = factory.SubFactory(TicketFactory)
    session = factory.SubFactory(
        SessionFactory,
        event=factory.SelfAttribute("..ticket.ticket_type.event"),
        requires_signup=True,
        capacity=20,
    )
    status = SeatStatus.CONFIRMED
