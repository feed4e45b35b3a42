import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_events_list_is_paginated_with_absolute_urls(client, programme, event_en):
    data = client.get("/api/v1/events/").json()
    assert set(data) >= {"count", "next", "previous", "results"}
    assert data["count"] == 1
    item = data["results"][0]
    assert item["title"] == "Ngày Chuyển đổi số Đà Nẵng" and item["status"] == "upcoming"
    assert item["url"].startswith("http") and item["url"].endswith(programme["event"].url)
    assert item["schedule_xml_url"].endswith("schedule.xml")
    en = client.get("/api/v1/events/?language=en").json()["results"][0]
    assert en["title"] == event_en.title and en["source_id"] == programme["event"].pk


def test_events_search_ignores_accents(client, programme):
    assert client.get("/api/v1/events/?search=ngay chuyen doi").json()["count"] == 1
    assert client.get("/api/v1/events/?search=ĐÀ NẴNG").json()["count"] == 1
    assert client.get("/api/v1/events/?search=quang nam").json()["count"] == 0


@pytest.mark.parametrize(
    "query",
    ["/api/v1/events/?status=soon", "/api/v1/events/?type=party", "/api/v1/events/?language=fr"],
)
def test_events_bad_parameters_get_a_400_with_a_reason(client, programme, query):
    response = client.get(query)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == "error" and body["reason"] == "invalid" and body["detail"]


def test_sessions_of_an_event_in_either_language(client, programme, event_en):
    event = programme["event"]
    data = client.get(f"/api/v1/events/{event.pk}/sessions/").json()
    assert data["count"] == 4
    keynote = data["results"][0]
    assert keynote["title"] == "Khai mạc và phát biểu chính"
    assert keynote["guid"] == str(programme["sessions"][0].guid)
    assert [s["name"] for s in keynote["speakers"]] == ["Nguyễn Thị Ánh", "Trần Đức Bình"]
    assert keynote["speakers"][0]["url"].startswith("http")
    assert keynote["room"]["name"] == "Hội trường A" and keynote["track"]["colour"] == "#0b5cad"
    assert keynote["duration_minutes"] == 60
    en = client.get(f"/api/v1/events/{event_en.pk}/sessions/?language=en").json()
    assert en["results"][0]["title"] == "Opening keynote"
    assert en["results"][0]["url"].endswith(event_en.url + "sessions/khai-mac/")


def test_sessions_filters_and_search(client, programme):
    event, gov = programme["event"], programme["tracks"][0]
    base = f"/api/v1/events/{event.pk}/sessions/"
    assert client.get(f"{base}?track={gov.pk}").json()["count"] == 2
    assert client.get(f"{base}?type=panel").json()["count"] == 1
    assert client.get(f"{base}?session_language=en").json()["count"] == 1
    day2 = timezone.localtime(programme["sessions"][3].starts_at).date().isoformat()
    assert client.get(f"{base}?day={day2}").json()["count"] == 1
    assert client.get(f"{base}?search=dich vu cong").json()["count"] == 1


@pytest.mark.parametrize("query", ["?day=10-10-2027", "?track=abc", "?type=party", "?session_language=fr"])
def test_sessions_bad_parameters(client, programme, query):
    response = client.get(f"/api/v1/events/{programme['event'].pk}/sessions/{query}")
    assert response.status_code == 400
    assert response.json()["status"] == "error"


def test_sessions_of_unknown_event_is_404_json(client, programme):
    response = client.get("/api/v1/events/999999/sessions/")
    assert response.status_code == 404
    assert response.json()["status"] == "error"


def test_speakers_list_search_and_event_filter(client, programme):
    data = client.get("/api/v1/speakers/").json()
    assert data["count"] == 3
    assert data["results"][0]["url"].startswith("http")
    assert [s["name"] for s in client.get("/api/v1/speakers/?search=nguyen thi anh").json()["results"]] == [
        "Nguyễn Thị Ánh"
    ]
    assert client.get(f"/api/v1/speakers/?event={programme['event'].pk}").json()["count"] == 3
    assert client.get("/api/v1/speakers/?event=x").status_code == 400
    assert client.get("/api/v1/speakers/?event=999999").status_code == 400


def test_api_is_read_only(client, programme):
    assert client.post("/api/v1/events/", {}).status_code == 405
    assert client.delete("/api/v1/speakers/").status_code == 405


def test_schema_documents_the_programme_endpoints(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"] if "json" in response["Content-Type"] else {}
    if paths:
        assert {"/api/v1/events/", "/api/v1/events/{id}/sessions/", "/api/v1/speakers/"} <= set(paths)
    else:
        body = response.content.decode()
        assert "/api/v1/events/{id}/sessions/" in body and "/api/v1/speakers/" in body


def test_schema_generation_has_no_warnings_for_programme_endpoints(capsys):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--file", "/dev/null")
    output = capsys.readouterr()
    lines = (output.err + output.out).splitlines()
    assert not [line for line in lines if "events/" in line or "Event" in line or "Speaker" in line]
