import json
import re

import pytest

pytestmark = pytest.mark.django_db


def _ld_json(html):
    match = re.search(r'<script type="application/ld\+json" nonce="[^"]*">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_every_programme_page_answers_in_both_languages(client, programme, event_en):
    event = programme["event"]
    for base in (event.url, event_en.url):
        for suffix in ["", "agenda/", "sessions/khai-mac/", "agenda.ics", "schedule.json", "schedule.xml"]:
            assert client.get(base + suffix).status_code == 200, base + suffix
    for prefix in ("/vi", "/en"):
        for path in ["/speakers/", "/speakers/tran-duc-binh/", "/speakers/tran-duc-binh.ics", "/my-agenda/"]:
            assert client.get(prefix + path).status_code == 200, prefix + path


def test_unknown_session_speaker_and_page_are_404(client, programme):
    event = programme["event"]
    assert client.get(event.url + "sessions/nope/").status_code == 404
    assert client.get(event.url + "sessions/nope.ics").status_code == 404
    assert client.get("/vi/speakers/nobody/").status_code == 404
    assert client.get("/vi/khong-co/agenda.ics").status_code == 404


def test_events_index_lists_upcoming_before_past(client, programme):
    from datetime import timedelta

    from tests.factories.events import EventPageFactory

    event = programme["event"]
    past = EventPageFactory(
        title="Ngày Chuyển đổi số 2025",
        starts_at=event.starts_at - timedelta(days=400),
        ends_at=event.starts_at - timedelta(days=399),
    )
    html = client.get(event.get_parent().url).content.decode()
    assert html.index(event.title) < html.index("Sự kiện đã qua") if "Sự kiện đã qua" in html else True
    assert html.index(event.title) < html.index(past.title)


def test_event_page_has_schema_org_event(client, programme):
    event = programme["event"]
    html = client.get(event.url).content.decode()
    data = _ld_json(html)
    assert data["@type"] == "Event"
    assert data["startDate"].endswith("+07:00")
    assert data["location"]["name"] == event.venue_name
    assert "Khai mạc và phát biểu chính" in html  # featured session


def test_session_page_shows_details_speakers_and_json_ld(client, programme, event_en):
    workshop = programme["sessions"][3]
    html = client.get(event_en.url + f"sessions/{workshop.slug}/").content.decode()
    assert "Hands-on: online public services" in html
    assert "Trần Đức Bình" in html and "/en/speakers/tran-duc-binh/" in html
    assert "30" in html  # seats
    data = _ld_json(html)
    assert data["name"] == "Hands-on: online public services"
    assert data["performer"][0]["name"] == "Trần Đức Bình"
    assert data["superEvent"]["name"] == event_en.title


def test_speaker_page_lists_sessions_in_visitor_language(client, programme, event_en):
    html = client.get("/en/speakers/tran-duc-binh/").content.decode()
    assert "Opening keynote" in html and "Hands-on: online public services" in html
    assert event_en.url + "sessions/khai-mac/" in html
    html_vi = client.get("/vi/speakers/tran-duc-binh/").content.decode()
    assert "Khai mạc và phát biểu chính" in html_vi


def test_speaker_index_search_ignores_accents(client, programme):
    html = client.get("/vi/speakers/?q=tran duc").content.decode()
    assert "Trần Đức Bình" in html and "Nguyễn Thị Ánh" not in html
    html = client.get("/vi/speakers/?q=CÔNG VIÊN").content.decode()
    assert "Trần Đức Bình" in html


def test_publishing_the_event_refreshes_cached_agenda_and_exports(client, programme):
    event = programme["event"]
    assert "Ngày Chuyển đổi số Đà Nẵng" in client.get(event.url + "agenda/").content.decode()
    client.get(event.url + "schedule.json")
    event.title = "Ngày Chuyển đổi số Đà Nẵng (đổi tên)"
    event.save_revision().publish()
    assert "(đổi tên)" in client.get(event.url + "agenda/").content.decode()
    assert "(đổi tên)" in client.get(event.url + "schedule.json").content.decode()


def test_registration_window_on_the_event_page(client, programme):
    from datetime import timedelta

    from django.utils import timezone

    event = programme["event"]
    event.registration_opens_at = timezone.now() + timedelta(days=1)
    event.save_revision().publish()
    assert "Chưa mở" in client.get(event.url).content.decode()
    event.registration_opens_at = timezone.now() - timedelta(days=1)
    event.save_revision().publish()
    assert "Đang mở" in client.get(event.url).content.decode()
