"""The demo programme: realistic, consistent, dated from today, idempotent, and scaled by --scale."""

import random
from datetime import date

import pytest
from django.db.models import Count
from wagtail.models import Revision

from demo.dates import next_digital_day
from demo.loaders import events as loader
from events.models import EventIndexPage, EventPage, Room, Session, SessionSpeaker, Speaker, Track

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (EventPage, EventIndexPage, Room, Track, Session, Speaker, SessionSpeaker, Revision)
    }


def test_next_digital_day_is_strictly_after_today():
    assert next_digital_day(date(2026, 11, 28)) == date(2027, 10, 10)
    assert next_digital_day(date(2027, 10, 10)) == date(2028, 10, 10)
    assert next_digital_day(date(2027, 1, 5)) == date(2027, 10, 10)


def test_demo_programme_is_realistic_consistent_and_idempotent(site_pages):
    loader.load(scale=1, rng=random.Random(1), log=lambda *a: None)
    first = _counts()
    loader.load(scale=1, rng=random.Random(1), log=lambda *a: None)
    assert _counts() == first

    vi_events = EventPage.objects.filter(locale__language_code="vi")
    assert vi_events.count() == 7 and EventPage.objects.filter(locale__language_code="en").count() == 7
    big = vi_events.get(event_type="digital_day", slug__endswith=str(next_digital_day(date.today()).year))
    assert big.status == "upcoming"
    assert vi_events.filter(event_type="digital_day").exclude(pk=big.pk).count() == 2
    assert all(e.status == "past" for e in vi_events.filter(event_type="digital_day").exclude(pk=big.pk))
    # three classes to come and one already held (its attendees have certificates: demo certificates)
    assert vi_events.filter(event_type="skills_class").count() == 4
    assert all(c.certifying and c.certificate_hours for c in vi_events.filter(event_type="skills_class"))
    assert big.rooms.count() == 5 and big.tracks.count() == 4
    assert big.sessions.count() >= 40 and Speaker.objects.count() >= 30
    assert all(s.bio_vi and s.bio_en for s in Speaker.objects.all())

    # Nothing the admin would refuse: no room and no speaker in two places at once.
    sessions = list(Session.objects.select_related("room").prefetch_related("speaker_links"))
    for a in sessions:
        for b in sessions:
            if a.pk < b.pk and a.starts_at < b.ends_at and b.starts_at < a.ends_at:
                assert not (a.room_id and a.room_id == b.room_id), (a, b)
                shared = {link.speaker_id for link in a.speaker_links.all()} & {
                    link.speaker_id for link in b.speaker_links.all()
                }
                assert not shared, (a, b)
    assert not Session.objects.values("event", "slug").annotate(n=Count("id")).filter(n__gt=1).exists()


def test_scale_multiplies_sessions_and_speakers(site_pages):
    loader.load(scale=2, rng=random.Random(1), log=lambda *a: None)
    big = EventPage.objects.filter(locale__language_code="vi", event_type="digital_day").order_by(
        "-starts_at"
    )[0]
    assert big.sessions.count() >= 150 and Speaker.objects.count() >= 60
