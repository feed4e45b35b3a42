"""Schedule changes: a published session moved tells its seat holders once, after the edits settle."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from messaging.models import ScheduleChange, ScheduleChangeNotice
from messaging.services import send_schedule_changes
from registration.models import OrderStatus, SeatStatus, SentEmail
from tests.factories.events import EventPageFactory, RoomFactory, SessionFactory
from tests.factories.registration import OrderFactory, SessionSeatFactory, TicketFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(db):
    event = EventPageFactory()
    room = RoomFactory(event=event, name_vi="Phòng 101", name_en="Room 101")
    return SessionFactory(
        event=event, title_vi="Dữ liệu mở cho doanh nghiệp", room=room, requires_signup=True
    )


@pytest.fixture
def holders(workshop):
    ticket_type = TicketTypeFactory(event=workshop.event)
    lan = TicketFactory(ticket_type=ticket_type, email="lan@example.com")
    english = OrderFactory(event=workshop.event, language="en", email="an@example.com")
    an = TicketFactory(ticket_type=ticket_type, order=english, email="an@example.com")
    for ticket in (lan, an):
        SessionSeatFactory(ticket=ticket, session=workshop)
    # Not told: a waiting-list seat, and a seat of a cancelled order.
    SessionSeatFactory(
        ticket=TicketFactory(ticket_type=ticket_type), session=workshop, status=SeatStatus.WAITING
    )
    cancelled = OrderFactory(event=workshop.event, status=OrderStatus.CANCELLED)
    SessionSeatFactory(ticket=TicketFactory(ticket_type=ticket_type, order=cancelled), session=workshop)
    return lan, an


def _later(minutes):
    return timezone.now() + timedelta(minutes=minutes)


def test_ten_edits_make_one_message_per_seat_holder_with_before_and_after(workshop, holders, settings):
    settings.SCHEDULE_CHANGE_DELAY_MINUTES = 5
    first_start = workshop.starts_at
    new_room = RoomFactory(event=workshop.event, name_vi="Hội trường B", name_en="Hall B")
    for minutes in range(10):
        workshop.starts_at = first_start + timedelta(minutes=15 * (minutes + 1))
        workshop.ends_at = workshop.starts_at + timedelta(hours=1)
        workshop.save()
    workshop.room = new_room
    workshop.save()

    assert ScheduleChange.objects.count() == 1
    assert send_schedule_changes() == {"closed": 0, "sent": 0, "failed": 0}, "still inside the quiet period"
    assert not mail.outbox

    counts = send_schedule_changes(now=_later(6))

    assert counts == {"closed": 1, "sent": 2, "failed": 0}
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["an@example.com", "lan@example.com"]
    vi, en = by_address["lan@example.com"], by_address["an@example.com"]
    assert vi.subject == "Thay đổi lịch: Dữ liệu mở cho doanh nghiệp"
    local = timezone.localtime
    before = f"{local(first_start):%H:%M}"
    after = f"{local(workshop.starts_at):%H:%M}"
    assert before in vi.body and after in vi.body
    assert "Phòng 101 → Hội trường B" in vi.body
    assert "Room 101 → Hall B" in en.body and en.subject.startswith("Schedule change:")
    assert SentEmail.objects.filter(kind="schedule_change").count() == 2

    assert send_schedule_changes(now=_later(20))["sent"] == 0
    assert len(mail.outbox) == 2


def test_an_edit_after_the_message_opens_a_new_change(workshop, holders):
    workshop.starts_at += timedelta(hours=1)
    workshop.ends_at += timedelta(hours=1)
    workshop.save()
    send_schedule_changes(now=_later(6))
    workshop.room = None
    workshop.save()

    send_schedule_changes(now=_later(6))

    assert ScheduleChange.objects.count() == 2
    assert len(mail.outbox) == 4
    assert (
        "Phòng 101 → chưa xác định" in mail.outbox[-1].body
        or "Phòng 101 → chưa xác định" in mail.outbox[-2].body
    )


def test_edits_that_end_where_they_began_send_nothing(workshop, holders):
    start = workshop.starts_at
    workshop.starts_at = start + timedelta(hours=2)
    workshop.save()
    workshop.starts_at = start
    workshop.save()

    assert send_schedule_changes(now=_later(6)) == {"closed": 1, "sent": 0, "failed": 0}
    assert not mail.outbox and not ScheduleChangeNotice.objects.exists()


def test_title_edits_and_unpublished_events_are_not_schedule_changes(workshop, holders):
    workshop.title_vi = "Tên mới"
    workshop.save()
    draft = EventPageFactory(publish=False, live=False)
    session = SessionFactory(event=draft)
    session.starts_at += timedelta(hours=1)
    session.save()

    assert not ScheduleChange.objects.exists()


def test_a_mail_server_outage_keeps_the_notices_until_it_is_back(workshop, holders, settings):
    workshop.starts_at += timedelta(hours=1)
    workshop.ends_at += timedelta(hours=1)
    workshop.save()
    settings.EMAIL_BACKEND = "tests.messaging.backends.DownBackend"

    assert send_schedule_changes(now=_later(6)) == {"closed": 1, "sent": 0, "failed": 1}

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_schedule_changes(now=_later(7)) == {"closed": 0, "sent": 2, "failed": 0}
    assert len(mail.outbox) == 2
