from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import EventStatus
from events.queries import featured_sessions, featured_speakers, next_event
from tests.factories.events import EventPageFactory, SessionFactory, SpeakerFactory, translate_event

pytestmark = pytest.mark.django_db


def test_status_follows_the_clock_and_cancellation(site_pages):
    now = timezone.now()
    assert EventPageFactory(starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=2)).status == (
        EventStatus.UPCOMING
    )
    assert EventPageFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1)).status == (
        EventStatus.ONGOING
    )
    assert EventPageFactory(starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=1)).status == (
        EventStatus.PAST
    )
    assert EventPageFactory(is_cancelled=True).status == EventStatus.CANCELLED


def test_source_event_of_translation_is_the_vietnamese_page(site_pages):
    event = EventPageFactory()
    event_en = translate_event(event)
    assert event.source_event == event
    assert event_en.source_event.pk == event.pk


def test_home_page_queries(site_pages):
    event = EventPageFactory()
    speaker = SpeakerFactory()
    featured = SessionFactory(event=event, is_featured=True, speakers=[speaker])
    SessionFactory(event=event)
    assert next_event("vi") == event
    assert featured_sessions(event) == [featured]
    assert featured_speakers(event) == [speaker]
    event_en = translate_event(event)
    assert next_event("en") == event_en
    assert featured_sessions(event_en) == [featured]
