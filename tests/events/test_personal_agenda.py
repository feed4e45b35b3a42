import re
from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from events.models import PersonalAgenda
from tests.factories.events import EventPageFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_my_agenda_lists_starred_sessions_and_marks_clashes(client, programme):
    keynote, panel, _, workshop = programme["sessions"]
    html = client.get(f"/vi/my-agenda/?s={keynote.pk},{panel.pk},{workshop.pk},abc,999999").content.decode()
    assert keynote.title_vi in html and panel.title_vi in html and workshop.title_vi in html
    # keynote 09:00-10:00 and panel 09:30-10:30 overlap; the workshop is on day two
    assert html.count('class="my-session has-clash"') == 2
    assert 'name="sessions" value="' in html


def test_my_agenda_partial_for_the_browser(client, programme):
    keynote = programme["sessions"][0]
    response = client.get(f"/en/my-agenda/?partial=1&s={keynote.pk}")
    html = response.content.decode()
    assert "Opening keynote" in html and "<html" not in html
    assert "starred any sessions" in client.get("/en/my-agenda/?partial=1&s=").content.decode()


def test_subscription_link_keeps_the_agenda_on_the_server(client, programme):
    keynote, panel = programme["sessions"][:2]
    response = client.post("/vi/my-agenda/subscribe/", {"sessions": f"{keynote.pk},{panel.pk}"})
    assert response.status_code == 302
    agenda = PersonalAgenda.objects.get()
    assert len(agenda.key) >= 43  # 32 random bytes
    assert response["Location"] == f"/vi/my-agenda/k/{agenda.key}/"
    page = client.get(response["Location"])
    assert page["Referrer-Policy"] == "no-referrer"
    html = page.content.decode()
    assert f"/vi/my-agenda/k/{agenda.key}.ics" in html and "webcal://" in html
    feed = client.get(f"/vi/my-agenda/k/{agenda.key}.ics")
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == sorted([keynote.title_vi, panel.title_vi])


def test_browser_updates_the_saved_agenda(programme):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)  # the browser sends no CSRF token: the key is the credential
    keynote, _, _, workshop = programme["sessions"]
    agenda = PersonalAgenda.objects.create(key="k" * 43)
    url = f"/vi/my-agenda/k/{agenda.key}/"
    response = client.post(url, data=f'{{"sessions": [{workshop.pk}]}}', content_type="application/json")
    assert response.json() == {"status": "ok", "sessions": [workshop.pk]}
    bad = client.post(url, data="not json", content_type="application/json")
    assert bad.status_code == 400 and bad.json()["reason"] == "invalid"
    assert client.get("/vi/my-agenda/k/unknown/").status_code == 404
    assert client.get("/vi/my-agenda/k/unknown.ics").status_code == 404


def test_agenda_filters_work_without_javascript(client, programme):
    event, gov = programme["event"], programme["tracks"][0]
    html = client.get(event.url + f"agenda/?track={gov.pk}&type=nonsense").content.decode()
    visible = re.findall(r'<article [^>]*data-session="(\d+)"[^>]*?(hidden)?>', html)
    shown = {int(pk) for pk, hidden in visible if not hidden}
    assert shown == {programme["sessions"][0].pk}  # day one, track "digital government"
    assert f'value="{gov.pk}" checked' in html
    html = client.get(event.url + "agenda/?language=en").content.decode()
    assert (
        re.search(rf'data-session="{programme["sessions"][1].pk}"[^>]*>', html).group(0).count("hidden") == 0
    )


def test_agenda_day_tabs(client, programme):
    event, workshop = programme["event"], programme["sessions"][3]
    day2 = timezone.localtime(workshop.starts_at).date().isoformat()
    html = client.get(event.url + f"agenda/?day={day2}").content.decode()
    assert workshop.title_vi in html and programme["sessions"][0].title_vi not in html
    assert html.count('aria-current="page"') >= 1


def test_now_and_next_during_the_event(client, site_pages):
    now = timezone.now()
    event = EventPageFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=6))
    running = SessionFactory(
        event=event, starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(minutes=20)
    )
    following = SessionFactory(
        event=event, starts_at=now + timedelta(minutes=30), ends_at=now + timedelta(minutes=60)
    )
    html = client.get(event.url + "agenda/").content.decode()
    section = html.split('id="now-next-heading"')[1].split("</section>")[0]
    assert running.title_vi in section and following.title_vi in section
    assert "now-next-heading" not in client.get(EventPageFactory().url + "agenda/").content.decode()


def test_agenda_ignores_bad_day_values(client, programme):
    event = programme["event"]
    for value in ["nonsense", "2001-01-01", "9999-99-99"]:
        response = client.get(event.url + f"agenda/?day={value}")
        assert response.status_code == 200
        assert programme["sessions"][0].title_vi in response.content.decode()  # falls back to the first day
