import json
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
import xmlschema
from django.utils import timezone

pytestmark = pytest.mark.django_db

# The c3voc schema, kept in the repository (EUPL-1.2; see tests/fixtures/README.md).
XSD = Path(__file__).resolve().parent.parent / "fixtures" / "c3voc-schedule.xsd"


@pytest.fixture(scope="module")
def c3voc_schema():
    return xmlschema.XMLSchema(str(XSD))


def _events(ics_bytes):
    calendar = icalendar.Calendar.from_ical(ics_bytes)
    return calendar, {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_agenda_ics_is_valid_with_stable_uids_timezone_location_and_url(client, programme):
    event = programme["event"]
    response = client.get(event.url + "agenda.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar, events = _events(response.content)
    assert len(events) == len(programme["sessions"])
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    keynote = programme["sessions"][0]
    vevent = events[f"{keynote.guid}@danang-digital-day"]
    assert vevent["SUMMARY"] == "Khai mạc và phát biểu chính"
    assert vevent["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert vevent.decoded("DTSTART") == keynote.starts_at
    assert "Hội trường A" in vevent["LOCATION"] and event.venue_name in vevent["LOCATION"]
    assert vevent["URL"].endswith(event.url + "sessions/khai-mac/")
    assert "Nguyễn Thị Ánh" in vevent["DESCRIPTION"]
    assert int(vevent["SEQUENCE"]) == 0


def test_re_export_after_a_change_keeps_uids_and_raises_sequence(client, programme):
    event, panel = programme["event"], programme["sessions"][1]
    _, before = _events(client.get(event.url + "agenda.ics").content)
    panel.starts_at += timedelta(minutes=30)
    panel.ends_at += timedelta(minutes=30)
    panel.save()
    _, after = _events(client.get(event.url + "agenda.ics").content)
    assert set(before) == set(after)  # a calendar updates the same entries instead of duplicating
    uid = f"{panel.guid}@danang-digital-day"
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])
    assert after[uid].decoded("DTSTART") == before[uid].decoded("DTSTART") + timedelta(minutes=30)
    assert after[uid].decoded("LAST-MODIFIED") >= before[uid].decoded("LAST-MODIFIED")


def test_session_and_speaker_ics(client, programme, event_en):
    _, events = _events(client.get(event_en.url + "sessions/khai-mac.ics").content)
    assert [str(e["SUMMARY"]) for e in events.values()] == ["Opening keynote"]
    _, events = _events(client.get("/en/speakers/tran-duc-binh.ics").content)
    assert sorted(str(e["SUMMARY"]) for e in events.values()) == [
        "Hands-on: online public services",
        "Opening keynote",
    ]


def test_schedule_json_has_the_c3voc_structure(client, programme):
    event = programme["event"]
    data = json.loads(client.get(event.url + "schedule.json").content)
    schedule = data["schedule"]
    conference = schedule["conference"]
    assert data["$schema"].startswith("https://c3voc.de/schedule/schema")
    assert conference["time_zone_name"] == "Asia/Ho_Chi_Minh"
    assert conference["daysCount"] == len(conference["days"]) == 2
    assert [r["name"] for r in conference["rooms"]] == ["Hội trường A", "Phòng 2.1"]
    assert {t["name"] for t in conference["tracks"]} == {"Chính quyền số", "Kinh tế số"}
    day1 = conference["days"][0]
    assert day1["index"] == 1 and day1["date"] == timezone.localtime(event.starts_at).date().isoformat()
    talks = [item for items in day1["rooms"].values() for item in items]
    keynote = next(t for t in talks if t["title"] == "Khai mạc và phát biểu chính")
    assert keynote["guid"] == str(programme["sessions"][0].guid)
    assert keynote["start"] == "09:00" and keynote["duration"] == "01:00"
    assert keynote["date"].endswith("+07:00")
    assert [p["public_name"] for p in keynote["persons"]] == ["Nguyễn Thị Ánh", "Trần Đức Bình"]
    assert (
        keynote["url"].startswith("http")
        and keynote["type"] == "keynote"
        and keynote["track"] == "Chính quyền số"
    )
    assert keynote["language"] == "vi"
    assert "abstract" in keynote and keynote["room"] == "Hội trường A"
    all_items = [i for d in conference["days"] for items in d["rooms"].values() for i in items]
    assert len(all_items) == len(programme["sessions"])


def test_schedule_version_moves_when_the_schedule_changes(client, programme):
    event, panel = programme["event"], programme["sessions"][1]
    first = json.loads(client.get(event.url + "schedule.json").content)["schedule"]["version"]
    assert json.loads(client.get(event.url + "schedule.json").content)["schedule"]["version"] == first
    panel.room = programme["rooms"][0]
    panel.save()
    second = json.loads(client.get(event.url + "schedule.json").content)["schedule"]["version"]
    assert int(second) > int(first)
    assert client.get(event.url + "schedule.xml")["X-Schedule-Version"] == second


def test_schedule_xml_validates_against_the_c3voc_xsd(client, programme, event_en, c3voc_schema):
    for page in (programme["event"], event_en):
        content = client.get(page.url + "schedule.xml").content
        c3voc_schema.validate(content.decode("utf-8"))


def test_the_schema_check_catches_an_invalid_schedule(c3voc_schema):
    assert not c3voc_schema.is_valid("<schedule><version>1</version></schedule>")


def test_exports_of_an_empty_event_are_still_valid(client, event, c3voc_schema):
    content = client.get(event.url + "schedule.xml").content
    assert b"<schedule>" in content
    calendar = icalendar.Calendar.from_ical(client.get(event.url + "agenda.ics").content)
    assert calendar.walk("VEVENT") == []
    c3voc_schema.validate(content.decode("utf-8"))
