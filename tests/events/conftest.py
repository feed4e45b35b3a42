"""A small two-day programme, in vi with an en translation."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tests.factories.events import (
    EventPageFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    TrackFactory,
    translate_event,
)


def _nine_am(days_ahead):
    """09:00 Asia/Ho_Chi_Minh, `days_ahead` days from today (02:00 UTC)."""
    day = (timezone.now() + timedelta(days=days_ahead)).date()
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)


@pytest.fixture
def event(site_pages):
    start = _nine_am(30)
    return EventPageFactory(
        title="Ngày Chuyển đổi số Đà Nẵng",
        slug="ngay-chuyen-doi-so",
        event_type="digital_day",
        starts_at=start,
        ends_at=start + timedelta(days=1, hours=9),
    )


@pytest.fixture
def event_en(event):
    return translate_event(event, title="Da Nang Digital Transformation Day")


@pytest.fixture
def programme(event):
    """2 rooms, 2 tracks, 3 speakers, 4 sessions over two days (one break)."""
    hall = RoomFactory(event=event, name_vi="Hội trường A", name_en="Hall A", sort_order=1)
    room = RoomFactory(event=event, name_vi="Phòng 2.1", name_en="Room 2.1", sort_order=2)
    gov = TrackFactory(event=event, name_vi="Chính quyền số", name_en="Digital government", colour="#0b5cad")
    econ = TrackFactory(event=event, name_vi="Kinh tế số", name_en="Digital economy", colour="#8a2be2")
    an = SpeakerFactory(name="Nguyễn Thị Ánh", slug="nguyen-thi-anh", organisation="Sở Khoa học và Công nghệ")
    binh = SpeakerFactory(
        name="Trần Đức Bình", slug="tran-duc-binh", organisation="Công viên Phần mềm Đà Nẵng"
    )
    chi = SpeakerFactory(name="Lê Minh Chi", slug="le-minh-chi")
    start = event.starts_at
    keynote = SessionFactory(
        event=event,
        title_vi="Khai mạc và phát biểu chính",
        title_en="Opening keynote",
        slug="khai-mac",
        session_type="keynote",
        starts_at=start,
        ends_at=start + timedelta(minutes=60),
        room=hall,
        track=gov,
        is_featured=True,
        speakers=[an, binh],
    )
    panel = SessionFactory(
        event=event,
        title_vi="Thảo luận: kinh tế số",
        title_en="Panel: the digital economy",
        slug="thao-luan-kinh-te-so",
        session_type="panel",
        language="en",
        starts_at=start + timedelta(minutes=30),
        ends_at=start + timedelta(minutes=90),
        room=room,
        track=econ,
        speakers=[chi],
    )
    lunch = SessionFactory(
        event=event,
        title_vi="Nghỉ trưa",
        title_en="Lunch",
        slug="nghi-trua",
        session_type="break",
        starts_at=start + timedelta(hours=3),
        ends_at=start + timedelta(hours=4),
        room=None,
    )
    workshop = SessionFactory(
        event=event,
        title_vi="Thực hành dịch vụ công trực tuyến",
        title_en="Hands-on: online public services",
        slug="thuc-hanh-dich-vu-cong",
        session_type="workshop",
        starts_at=start + timedelta(days=1),
        ends_at=start + timedelta(days=1, hours=2),
        room=room,
        track=gov,
        capacity=30,
        requires_signup=True,
        speakers=[binh],
    )
    return {
        "event": event,
        "rooms": [hall, room],
        "tracks": [gov, econ],
        "speakers": [an, binh, chi],
        "sessions": [keynote, panel, lunch, workshop],
    }
