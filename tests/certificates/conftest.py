"""A past digital-skills class that gives certificates, its gate list and two tickets; reading PDFs."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories.checkin import CheckInListFactory
from tests.factories.events import EventPageFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory


def past_class(**fields):
    starts = timezone.now() - timedelta(days=3)
    values = {
        "title": "Lớp kỹ năng số: An toàn trên mạng",
        "event_type": "skills_class",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=4),
        "certifying": True,
        "certificate_hours": Decimal("4.5"),
    }
    return EventPageFactory(**{**values, **fields})


@pytest.fixture
def skills_class(db):
    return past_class()


@pytest.fixture
def gate(skills_class):
    return CheckInListFactory(event=skills_class, name="Cửa lớp học")


@pytest.fixture
def ticket_type(skills_class):
    return TicketTypeFactory(event=skills_class)


@pytest.fixture
def ticket(ticket_type):
    return TicketFactory(ticket_type=ticket_type, attendee_name="Trần Thị Hương", email="huong@example.com")


@pytest.fixture
def other_ticket(ticket_type):
    return TicketFactory(ticket_type=ticket_type, attendee_name="Lê Văn Nam")


def render_first_page(content):
    import pypdfium2

    return pypdfium2.PdfDocument(content)[0].render(scale=3).to_pil()


def pdf_text(content):
    import pypdfium2

    return pypdfium2.PdfDocument(content)[0].get_textpage().get_text_range()


def decoded(image):
    import zxingcpp

    return [result.text for result in zxingcpp.read_barcodes(image)]
