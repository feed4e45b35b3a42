"""Open data: an event's counts as JSON and CSV, every count from 1 to 4 withheld."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from checkin.models import CheckInList
from exhibitors.models import ApplicationStatus
from registration.models import OrderStatus
from tests.factories.checkin import CheckInFactory, CheckInListFactory
from tests.factories.events import EventPageFactory, SessionFactory, translate_event
from tests.factories.exhibitors import (
    ApplicationFactory,
    BoothPackageFactory,
    ExhibitorFactory,
    ProductFactory,
)
from tests.factories.registration import TicketFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


def url(event, suffix="/"):
    return f"/api/v1/stats/events/{event.pk}{suffix}"


def started_event():
    start = timezone.now() - timedelta(hours=2)
    return EventPageFactory(starts_at=start, ends_at=start + timedelta(hours=9))


def tickets(ticket_type, count, category="business"):
    return [TicketFactory(ticket_type=ticket_type, category=category) for _ in range(count)]


def admit(checkin_list, people):
    for ticket in people:
        CheckInFactory(checkin_list=checkin_list, ticket=ticket)


@pytest.fixture
def event():
    """Categories with 0, 1, 4 and 5 people; 1 and 4 of them at two sessions; 5 at the gate; 1 exhibitor."""
    event = started_event()
    ticket_type = TicketTypeFactory(event=event)
    citizens = tickets(ticket_type, 1, "citizen")
    students = tickets(ticket_type, 4, "student")
    business = tickets(ticket_type, 5, "business")
    # Not counted: a cancelled order, a refused scan.
    TicketFactory(ticket_type=ticket_type, order__status=OrderStatus.CANCELLED, category="press")
    gate = CheckInListFactory(event=event)
    admit(gate, business)
    CheckInFactory(checkin_list=gate, ticket=citizens[0], successful=False, reason="not_found")
    talk, workshop = SessionFactory(event=event), SessionFactory(event=event)
    admit(CheckInListFactory(event=event, session=talk), citizens)
    admit(CheckInListFactory(event=event, session=workshop), students)
    exhibitor = ExhibitorFactory(sector="agritech")
    ApplicationFactory(
        exhibitor=exhibitor, package=BoothPackageFactory(event=event), status=ApplicationStatus.CONFIRMED
    )
    for n in range(5):
        ProductFactory(exhibitor=exhibitor, sector="agritech", is_verified_make_in_danang=n < 4)
    ProductFactory(exhibitor=ExhibitorFactory(), sector="fintech")  # not at this event
    event.talk, event.workshop = talk, workshop
    return event


def counts(table):
    return {row["key"]: row["count"] for row in table}


def test_small_counts_are_withheld_and_others_shown(client, event):
    response = client.get(url(event))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["licence"]["name"] == "CC BY 4.0"
    assert "singled out" in data["suppressed"]
    assert counts(data["attendee_categories"]) == {
        "citizen": None,  # 1
        "business": 5,
        "government": 0,
        "student": None,  # 4
        "press": 0,  # the cancelled order's ticket does not count
        "international_guest": 0,
    }
    assert counts(data["totals"]) == {
        "registrations": 10,
        "attendees": 10,  # 5 at the gate, 1 and 4 at the session doors
        "no_shows": 0,
        "exhibitors": None,  # 1
        "products": 5,
        "make_in_danang_products": None,  # 4
    }
    assert counts(data["attendance_by_session"]) == {str(event.talk.pk): None, str(event.workshop.pk): None}
    assert counts(data["registrations_by_day"]) == {timezone.localdate().isoformat(): 10}
    assert counts(data["attendance_by_day"]) == {timezone.localdate().isoformat(): 10}
    assert counts(data["exhibitors_by_sector"])["agritech"] is None
    assert counts(data["products_by_sector"])["agritech"] == 5
    assert counts(data["products_by_sector"])["fintech"] == 0


def published_counts(value):
    """Every number in a JSON document, wherever it is."""
    if isinstance(value, dict):
        return [n for item in value.values() for n in published_counts(item)]
    if isinstance(value, list):
        return [n for item in value for n in published_counts(item)]
    return [value] if isinstance(value, int) and not isinstance(value, bool) else []


def test_no_count_from_1_to_4_anywhere(client, event):
    data = client.get(url(event)).json()
    numbers = published_counts(data)
    assert 0 in numbers and 5 in numbers
    assert not [n for n in numbers if 1 <= n <= 4]

    lines = list(csv.reader(io.StringIO(client.get(url(event, ".csv")).content.decode())))
    cells = [line[3] for line in lines[1:]]
    assert "" in cells and "5" in cells
    assert not [cell for cell in cells if cell in {"1", "2", "3", "4"}]


def test_csv_by_suffix_and_by_format_parameter(client, event):
    by_suffix = client.get(url(event, ".csv"))
    by_parameter = client.get(url(event) + "?format=csv")

    assert by_suffix.status_code == by_parameter.status_code == 200
    assert by_suffix["Content-Type"].startswith("text/csv")
    assert by_suffix.content == by_parameter.content
    lines = list(csv.reader(io.StringIO(by_suffix.content.decode())))
    assert lines[0] == ["table", "key", "label", "count"]
    assert ["attendee_categories", "business", "Doanh nghiệp", "5"] in lines
    assert ["attendee_categories", "citizen", "Người dân", ""] in lines


def test_english_page_labels_in_english(client, event):
    english = translate_event(event)
    data = client.get(url(english)).json()
    assert data["event"]["id"] == english.pk
    assert {"key": "business", "label": "Business", "count": 5} in data["attendee_categories"]


def test_no_shows_only_once_the_event_has_started(client):
    upcoming = EventPageFactory()
    tickets(TicketTypeFactory(event=upcoming), 6)
    data = client.get(url(upcoming)).json()
    assert "no_shows" not in counts(data["totals"])
    assert counts(data["totals"])["registrations"] == 6


def test_no_shows_counted_after_the_start(client):
    event = started_event()
    people = tickets(TicketTypeFactory(event=event), 12)
    admit(CheckInListFactory(event=event), people[:5])
    assert counts(client.get(url(event)).json()["totals"])["no_shows"] == 7


@pytest.mark.parametrize("suffix", ["/", ".csv", "/?format=csv"])
def test_unknown_or_unpublished_event_is_a_json_404(client, suffix):
    draft = EventPageFactory(publish=False, live=False)
    for pk in (draft.pk, 999999, 10**30):
        response = client.get(f"/api/v1/stats/events/{pk}{suffix}")
        assert response.status_code == 404, pk
        assert response.json()["status"] == "error"


def test_an_unknown_format_is_a_json_400(client, event):
    response = client.get(url(event) + "?format=xml")
    assert response.status_code == 400
    assert response.json() == {"status": "error", "reason": "invalid", "detail": "format: use json or csv"}


def test_anonymous_and_cacheable(client, event):
    response = client.get(url(event))
    assert "public" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers


def grow(event, size):
    """`size` sessions, tickets, exhibitors and products, each ticket admitted at the gate and a door."""
    ticket_type = TicketTypeFactory(event=event)
    gate = CheckInListFactory(event=event)
    package = BoothPackageFactory(event=event)
    for n in range(size):
        door = CheckInListFactory(event=event, session=SessionFactory(event=event))
        people = tickets(ticket_type, 1, ["citizen", "student", "press"][n % 3])
        admit(gate, people)
        admit(door, people)
        exhibitor = ExhibitorFactory(sector=["fintech", "edtech", "iot"][n % 3])
        ApplicationFactory(exhibitor=exhibitor, package=package, status=ApplicationStatus.CONFIRMED)
        ProductFactory(exhibitor=exhibitor, sector=exhibitor.sector)


def test_a_fixed_number_of_queries_whatever_the_size(client, count_queries):
    small, large = started_event(), started_event()
    grow(small, 1)
    grow(large, 3)
    assert CheckInList.objects.filter(event=large, session__isnull=False).count() == 3

    assert count_queries(client, url(small)) == count_queries(client, url(large))
    assert count_queries(client, url(small, ".csv")) == count_queries(client, url(large, ".csv"))


def test_documented_in_the_schema_with_the_rule(client):
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/stats/events/{id}/"]["get"]
    assert "from 1 to 4 is withheld" in operation["description"]
    assert "404" in operation["responses"]
