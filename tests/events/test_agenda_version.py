"""The public agenda does not show the schedule's internal version counter; the exports keep it."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_the_agenda_hides_the_schedule_version_the_exports_carry(client, programme, event_en):
    event, panel = programme["event"], programme["sessions"][1]
    panel.room = programme["rooms"][0]
    panel.save()  # moves the version past its first value
    version = json.loads(client.get(event.url + "schedule.json").content)["schedule"]["version"]
    assert int(version) > 1
    assert client.get(event.url + "schedule.xml")["X-Schedule-Version"] == version

    for page, word in ((event, "Phiên bản lịch"), (event_en, "Schedule version")):
        response = client.get(page.url + "agenda/")
        html = response.content.decode()
        assert response.status_code == 200 and "agenda-links" in html
        assert word not in html
