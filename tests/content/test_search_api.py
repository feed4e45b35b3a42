"""The site search as JSON (`/api/v1/search/`), the API's index (`/api/v1/`) and their schema."""

import unicodedata

import pytest

from content import site_search
from tests.factories.events import EventPageFactory, SessionFactory, SpeakerFactory
from tests.factories.exhibitors import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(site_pages):
    event = EventPageFactory(title="Ngày Chuyển đổi số 2027", slug="ngay-cds-2027")
    speaker = SpeakerFactory(name="Bùi Văn Bình", slug="bui-van-binh")
    for n in range(3):
        SessionFactory(
            event=event,
            title_vi=f"Khai mạc phiên {n}",
            title_en=f"Opening {n}",
            slug=f"khai-mac-{n}",
            speakers=[speaker],
        )
    ProductFactory(name_vi="Cảm biến ao nuôi tôm", slug="cam-bien-tom", description_vi="Cảnh báo <sớm>.")
    return event


def test_search_answers_grouped_counts_and_highlighted_hits(client, programme):
    data = client.get("/api/v1/search/", {"q": "tom"}).json()
    assert data["terms"] == ["tom"] and data["kind"] is None and data["count"] == 1
    assert [c["kind"] for c in data["counts"]] == list(site_search.KINDS)
    assert {c["kind"]: c["count"] for c in data["counts"]}["products"] == 1
    [hit] = data["results"]
    assert hit["kind"] == "products"
    assert hit["title"] == "Cảm biến ao nuôi tôm"
    assert hit["title_html"] == "Cảm biến ao nuôi <mark>tôm</mark>"
    assert hit["snippet"] == "Cảnh báo <sớm>." and hit["snippet_html"] == "Cảnh báo &lt;sớm&gt;."
    assert hit["url"].startswith("http") and hit["url"].endswith("/vi/catalogue/cam-bien-tom/")
    nfd = client.get("/api/v1/search/", {"q": unicodedata.normalize("NFD", "tôm")}).json()
    assert nfd["results"] == data["results"]


def test_one_kind_is_paginated_in_either_language(client, programme):
    data = client.get("/api/v1/search/", {"q": "khai mac", "kind": "sessions", "page_size": 2}).json()
    assert data["count"] == 3 and len(data["results"]) == 2
    assert data["previous"] is None and "page=2" in data["next"]
    assert data["results"][0]["context"] == "Ngày Chuyển đổi số 2027"
    assert data["results"][0]["starts_at"].endswith("+07:00")
    second = client.get(data["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None and "page=1" in second["previous"]
    english = client.get("/api/v1/search/", {"q": "khai mac", "kind": "sessions", "language": "en"}).json()
    assert english["results"][0]["title"].startswith("Opening")
    assert {c["kind"]: c["label"] for c in english["counts"]}["sessions"] == "Sessions"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"q": "x", "kind": "robots"}, 400),
        ({"q": "x", "language": "fr"}, 400),
        ({"q": "x", "kind": "sessions", "page_size": "0"}, 400),
        ({"q": "x", "kind": "sessions", "page_size": "500"}, 400),
        ({"q": "khai mac", "kind": "sessions", "page": "9"}, 404),
        ({"q": "khai mac", "kind": "sessions", "page": "x"}, 404),
    ],
)
def test_bad_parameters_are_refused_in_the_error_shape(client, programme, query, status):
    response = client.get("/api/v1/search/", query)
    assert response.status_code == status
    assert response.json()["status"] == "error"


def test_empty_or_punctuation_queries_find_nothing(client, programme):
    for query in ["", "!!!", "%", "\x00"]:
        data = client.get("/api/v1/search/", {"q": query}).json()
        assert data["count"] == 0 and data["results"] == [], query


def test_the_api_index_links_every_resource_and_the_docs(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    links = response.json()
    for name in ["events", "speakers", "exhibitors", "products", "search", "checkin/lists", "schema", "docs"]:
        assert name in links, name
    for name, url in links.items():
        path = url.split("://", 1)[1].split("/", 1)[1]
        assert client.get("/" + path).status_code != 404, name


def test_the_schema_documents_the_search_and_the_index(client):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    operation = paths["/api/v1/search/"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"q", "kind", "language", "page", "page_size"}
    kind = next(p for p in operation["parameters"] if p["name"] == "kind")
    assert set(kind["schema"]["enum"]) == set(site_search.KINDS)
    assert {"200", "400", "404"} <= set(operation["responses"])
    assert "/api/v1/" in paths
