"""Print, as one JSON line, how long the agenda page takes to render at 40 and 300 sessions.

`{"agenda": [{"sessions": 40, "render_ms": …, "cached_ms": …, "queries": …, "ics_ms": …, "xml_ms": …}, …]}`
(render = cache cleared first; the rows are made in a transaction that is rolled back).
"""

import json
import time
from datetime import timedelta

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventIndexPage, EventPage, Room, Session, SessionSpeaker, Speaker, Track


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Agenda render time at 40 and 300 sessions (made in a transaction that is rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="40,300", help="Comma-separated session counts.")
        parser.add_argument("--repeat", type=int, default=5, help="Renders per size; the median is printed.")

    def handle(self, *args, sizes, repeat, **options):
        results = {}
        for size in [int(s) for s in sizes.split(",")]:
            try:
                with transaction.atomic():
                    results[size] = self.measure(size, repeat)
                    raise Rollback
            except Rollback:
                pass
        rows = [
            {
                "sessions": size,
                "render_ms": round(cold * 1000, 1),
                "cached_ms": round(warm * 1000, 1),
                "queries": queries,
                "ics_ms": round(ics * 1000, 1),
                "xml_ms": round(xml * 1000, 1),
            }
            for size, (cold, warm, ics, xml, queries) in results.items()
        ]
        self.stdout.write(json.dumps({"agenda": rows}))

    def measure(self, size, repeat):
        index = EventIndexPage.objects.filter(locale__language_code="vi").first()
        if index is None:
            raise SystemExit("Run `manage.py load_demo` first (the bench needs the events index).")
        start = (timezone.now() + timedelta(days=200)).replace(hour=1, minute=0, second=0, microsecond=0)
        event = index.add_child(
            instance=EventPage(
                title=f"Bench {size}",
                slug=f"bench-{size}-{int(time.time())}",
                locale=index.locale,
                starts_at=start,
                ends_at=start + timedelta(days=2, hours=10),
            )
        )
        event.save_revision().publish()
        rooms_count = max(5, size // 20)
        rooms = Room.objects.bulk_create(
            [
                Room(event=event, name_vi=f"Phòng {n}", name_en=f"Room {n}", sort_order=n)
                for n in range(rooms_count)
            ]
        )
        track = Track.objects.create(event=event, name_vi="Chủ đề", name_en="Track")
        speakers = Speaker.objects.bulk_create(
            [Speaker(name=f"Diễn giả {n}", slug=f"bench-{size}-speaker-{n}") for n in range(size)]
        )
        sessions = []
        for n in range(size):
            day, slot = divmod(n // rooms_count, 10)
            begins = start + timedelta(days=day % 2, minutes=45 * slot)
            sessions.append(
                Session(
                    event=event,
                    title_vi=f"Phiên {n}",
                    title_en=f"Session {n}",
                    slug=f"phien-{n}",
                    starts_at=begins,
                    ends_at=begins + timedelta(minutes=40),
                    room=rooms[n % rooms_count],
                    track=track,
                )
            )
        Session.objects.bulk_create(sessions)
        SessionSpeaker.objects.bulk_create(
            [SessionSpeaker(session=s, speaker=speakers[i], sort_order=0) for i, s in enumerate(sessions)]
        )
        client = Client()
        url = event.url + "agenda/"

        def timed(path, clear):
            samples = []
            for _ in range(repeat):
                if clear:
                    cache.clear()
                began = time.perf_counter()
                response = client.get(path, HTTP_HOST="localhost")
                samples.append(time.perf_counter() - began)
                assert response.status_code == 200, (path, response.status_code)
            return sorted(samples)[len(samples) // 2]

        cache.clear()
        client.get(url, HTTP_HOST="localhost")  # warm Wagtail's site paths, as a running server has them
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(url, HTTP_HOST="localhost")
        query_count = len(captured.captured_queries)  # read now: the next request resets the log
        return (
            timed(url, True),
            timed(url, False),
            timed(event.url + "agenda.ics", True),
            timed(event.url + "schedule.xml", True),
            query_count,
        )
