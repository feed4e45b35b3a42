"""Query counts stay the same whatever the number of sessions (N and 3N)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.events import RoomFactory, SessionFactory, SpeakerFactory, TrackFactory

pytestmark = pytest.mark.django_db


def _grow(event, count):
    rooms = [RoomFactory(event=event) for _ in range(3)]
    track = TrackFactory(event=event)
    for index in range(count):
        start = event.starts_at + timedelta(minutes=30 * (index // 3))
        SessionFactory(
            event=event,
            room=rooms[index % 3],
            track=track,
            starts_at=start,
            ends_at=start + timedelta(minutes=25),
            speakers=[SpeakerFactory(), SpeakerFactory()],
        )


@pytest.mark.parametrize(
    "suffix", ["agenda/", "agenda.ics", "schedule.json", "schedule.xml", "", "api"], ids=lambda s: s or "page"
)
def test_fixed_query_count(count_queries, client, event, suffix):
    url = f"/api/v1/events/{event.pk}/sessions/" if suffix == "api" else event.url + suffix
    _grow(event, 4)
    small = count_queries(client, url)
    _grow(event, 8)
    large = count_queries(client, url)
    assert small == large


@pytest.mark.parametrize("kind", ["speakers_api", "speaker_index", "my_agenda", "speaker_page", "index"])
def test_fixed_query_count_of_lists(count_queries, client, event, kind):
    from events.models import Session, SessionSpeaker, Speaker

    def url():
        if kind == "speakers_api":
            return "/api/v1/speakers/"
        if kind == "speaker_index":
            return "/vi/speakers/"
        if kind == "my_agenda":
            return "/vi/my-agenda/?s=" + ",".join(
                str(pk) for pk in Session.objects.values_list("pk", flat=True)
            )
        if kind == "speaker_page":
            speaker = Speaker.objects.order_by("pk").first()
            for session in Session.objects.all():
                SessionSpeaker.objects.get_or_create(
                    session=session, speaker=speaker, defaults={"sort_order": 9}
                )
            return f"/vi/speakers/{speaker.slug}/"
        return event.get_parent().url

    _grow(event, 2)
    small = count_queries(client, url())
    _grow(event, 6)
    assert count_queries(client, url()) == small


def test_cached_agenda_needs_few_queries(client, event):
    _grow(event, 6)
    url = event.url + "agenda/"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    # The rendered agenda comes from the cache: no session, speaker, room or track is read again.
    assert not [q for q in ctx.captured_queries if "events_session" in q["sql"] or "events_room" in q["sql"]]
    session = event.sessions.first()
    session.title_vi = "Đã đổi tên"
    session.save()
    assert "Đã đổi tên" in client.get(url).content.decode()  # saving moved the version: cache bypassed
