"""`/api/v1/booths/` and `/api/v1/floor-plans/`: shapes, filters, bad parameters, the schema, query counts."""

import pytest

from tests.factories.exhibitors import ApplicationFactory, BoothFactory, ExhibitorFactory
from tests.factories.venue_map import FloorPlanFactory, MapPointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(event):
    return FloorPlanFactory(event=event)


def placed_booth(event, plan, number, x):
    return BoothFactory(event=event, hall="A", number=number, floor_plan=plan, x=x, y=0, width=80, height=80)


def test_booths_list_shape(client, event, plan, package):
    booth = placed_booth(event, plan, "A01", 0)
    exhibitor = ExhibitorFactory(name="Công ty Cảm biến Hòa Vang")
    ApplicationFactory(exhibitor=exhibitor, event=event, package=package, booth=booth, status="confirmed")
    free = BoothFactory(event=event, hall="A", number="A02")
    hidden = placed_booth(event, plan, "A03", 100)
    ApplicationFactory(
        exhibitor=ExhibitorFactory(is_public=False),
        event=event,
        package=package,
        booth=hidden,
        status="approved",
    )
    data = client.get("/api/v1/booths/").json()
    assert set(data) >= {"count", "next", "previous", "results"} and data["count"] == 3
    by_number = {item["number"]: item for item in data["results"]}
    assert by_number["A01"] == {
        "id": booth.pk,
        "number": "A01",
        "hall": "A",
        "event": event.pk,
        "floor_plan": plan.pk,
        "rectangle": {"x": 0, "y": 0, "width": 80, "height": 80},
        "status": "paid",
        "exhibitor": {
            "id": exhibitor.pk,
            "name": "Công ty Cảm biến Hòa Vang",
            "slug": exhibitor.slug,
            "url": f"http://testserver/vi/exhibitors/{exhibitor.slug}/",
        },
    }
    assert by_number["A02"]["rectangle"] is None and by_number["A02"]["floor_plan"] is None
    assert by_number["A02"]["status"] == "free" and by_number["A02"]["exhibitor"] is None
    assert by_number["A03"]["status"] == "assigned" and by_number["A03"]["exhibitor"] is None
    assert free.pk


def test_booths_filters_and_bad_parameters(client, event, plan):
    placed_booth(event, plan, "A01", 0)
    BoothFactory(event=event, hall="B", number="B01")
    assert client.get("/api/v1/booths/", {"floor_plan": plan.pk}).json()["count"] == 1
    assert client.get("/api/v1/booths/", {"hall": "B"}).json()["count"] == 1
    assert client.get("/api/v1/booths/", {"event": event.pk}).json()["count"] == 2
    assert client.get("/api/v1/booths/", {"event": 999999}).json()["count"] == 0
    for name in ("event", "floor_plan"):
        response = client.get("/api/v1/booths/", {name: "abc"})
        assert response.status_code == 400 and response.json()["reason"] == "invalid"


def test_floor_plans_list_shape(client, event, plan):
    point = MapPointFactory(floor_plan=plan, label_vi="Lối vào", label_en="Entrance", x=500, y=580)
    data = client.get("/api/v1/floor-plans/").json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["id"] == plan.pk and item["event"] == event.pk and item["hall"] == "A"
    assert (item["width"], item["height"]) == (1000, 600)
    assert item["image_url"].startswith("http://testserver/media/floor-plans/") and item[
        "image_url"
    ].endswith(".svg")
    assert item["map_url"] == f"http://testserver/vi/venue-map/{event.pk}/"
    assert item["points"] == [
        {
            "code": point.code,
            "label_vi": "Lối vào",
            "label_en": "Entrance",
            "x": 500,
            "y": 580,
            "url": f"http://testserver/vi/venue-map/{event.pk}/?at={point.code}",
        }
    ]
    assert client.get(f"/api/v1/floor-plans/{plan.pk}/").json()["id"] == plan.pk


def test_plans_and_booths_of_unpublished_events_are_not_listed(client, event, plan):
    placed_booth(event, plan, "A01", 0)
    event.unpublish()
    assert client.get("/api/v1/booths/").json()["count"] == 0
    assert client.get("/api/v1/floor-plans/").json()["count"] == 0
    assert client.get(f"/api/v1/floor-plans/{plan.pk}/").status_code == 404


def test_the_schema_documents_both_endpoints(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    booths = schema["paths"]["/api/v1/booths/"]["get"]
    assert {p["name"] for p in booths["parameters"]} >= {"event", "floor_plan", "hall", "page", "page_size"}
    assert "400" in booths["responses"]
    assert "/api/v1/floor-plans/" in schema["paths"] and "/api/v1/floor-plans/{id}/" in schema["paths"]
    booth_schema = schema["components"]["schemas"]["Booth"]["properties"]
    assert set(booth_schema) == {
        "id",
        "number",
        "hall",
        "event",
        "floor_plan",
        "rectangle",
        "status",
        "exhibitor",
    }


def test_both_endpoints_run_a_fixed_number_of_queries(client, event, plan, package, count_queries):
    def add(n):
        for _ in range(n):
            number = f"A{plan.booths.count() + 1:02d}"
            booth = placed_booth(event, plan, number, 90 * plan.booths.count())
            ApplicationFactory(event=event, package=package, booth=booth, status="confirmed")
            MapPointFactory(floor_plan=FloorPlanFactory(event=event))

    add(1)
    one = (count_queries(client, "/api/v1/booths/"), count_queries(client, "/api/v1/floor-plans/"))
    add(3)
    assert (count_queries(client, "/api/v1/booths/"), count_queries(client, "/api/v1/floor-plans/")) == one
