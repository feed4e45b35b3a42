"""Fixtures for the registration tests: an event with free, paid, hidden and approval ticket types."""

from datetime import timedelta

import pytest

from registration.services import AttendeeData
from tests.factories.events import EventPageFactory, SessionFactory
from tests.factories.registration import TicketTypeFactory
from tests.stripe_server import stripe_server, stripe_settings  # noqa: F401  (fixtures)


@pytest.fixture
def event(db, site_pages):
    return EventPageFactory(title="Ngày Chuyển đổi số 2027", slug="ngay-chuyen-doi-so")


@pytest.fixture
def free_type(event):
    return TicketTypeFactory(
        event=event, name_vi="Vé tham dự", name_en="Admission", capacity=10, max_per_order=5
    )


@pytest.fixture
def paid_type(event):
    return TicketTypeFactory(
        event=event, name_vi="Vé hội thảo", name_en="Workshop pass", price=500_000, capacity=5
    )


@pytest.fixture
def vip_type(event):
    return TicketTypeFactory(
        event=event, name_vi="Khách mời VIP", name_en="VIP guest", requires_approval=True, capacity=3
    )


@pytest.fixture
def hidden_type(event):
    return TicketTypeFactory(event=event, name_vi="Đoàn đại biểu", name_en="Delegation", is_hidden=True)


@pytest.fixture
def workshops(event):
    start = event.starts_at + timedelta(hours=2)
    first = SessionFactory(
        event=event,
        title_vi="Hội thảo AI",
        title_en="AI workshop",
        session_type="workshop",
        requires_signup=True,
        capacity=2,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    overlapping = SessionFactory(
        event=event,
        title_vi="Hội thảo an toàn thông tin",
        title_en="Security workshop",
        session_type="workshop",
        requires_signup=True,
        capacity=2,
        starts_at=start + timedelta(minutes=30),
        ends_at=start + timedelta(hours=2),
    )
    later = SessionFactory(
        event=event,
        title_vi="Hội thảo dữ liệu",
        title_en="Data workshop",
        session_type="workshop",
        requires_signup=True,
        capacity=1,
        starts_at=start + timedelta(hours=3),
        ends_at=start + timedelta(hours=4),
    )
    return first, overlapping, later


def attendee(ticket_type, name="Nguyễn Văn An", email="an@example.com", sessions=(), **extra):
    return AttendeeData(
        ticket_type=ticket_type,
        name=name,
        email=email,
        phone="+84905123456",
        organisation="DNES",
        job_title="Kỹ sư",
        category="business",
        session_ids=[s.pk for s in sessions],
        **extra,
    )
