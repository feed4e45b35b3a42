"""One session, one calendar entry: every .ics the platform emits gives a session the same UID.

A calendar app that subscribes to the agenda and imports an order's attachment must update one
entry, not show the workshop twice.
"""

import icalendar
import pytest
from django.urls import reverse

from events import services as event_services
from registration import documents
from registration import services as registration_services
from registration.models import SeatStatus
from tests.factories.registration import TicketTypeFactory

pytestmark = pytest.mark.django_db


def entries(ics_bytes):
    """{UID: [VEVENT, …]} of one calendar file."""
    found = {}
    for entry in icalendar.Calendar.from_ical(ics_bytes).walk("VEVENT"):
        found.setdefault(str(entry["UID"]), []).append(entry)
    return found


@pytest.fixture
def workshop_order(programme, django_capture_on_commit_callbacks):
    """An order whose ticket holds a confirmed seat in the programme's workshop."""
    event, workshop = programme["event"], programme["sessions"][3]
    ticket_type = TicketTypeFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        order = registration_services.place_order(
            event=event,
            email="an@example.com",
            consent=True,
            attendees=[
                registration_services.AttendeeData(
                    ticket_type=ticket_type,
                    name="Nguyễn Văn An",
                    email="an@example.com",
                    phone="+84905123456",
                    session_ids=[workshop.pk],
                )
            ],
        )
        registration_services.confirm_email(order)
    order.refresh_from_db()
    assert order.tickets.get().seats.get().status == SeatStatus.CONFIRMED
    return order


def test_a_session_has_the_same_uid_in_every_calendar(client, programme, event_en, workshop_order):
    event, workshop = programme["event"], programme["sessions"][3]
    personal = event_services.create_personal_agenda([workshop.pk, programme["sessions"][0].pk])
    calendars = {
        "agenda": client.get(event.url + "agenda.ics").content,
        "agenda (en)": client.get(event_en.url + "agenda.ics").content,
        "session": client.get(event.url + f"sessions/{workshop.slug}.ics").content,
        "speaker": client.get("/vi/speakers/tran-duc-binh.ics").content,
        "personal agenda": client.get(reverse("events:my_agenda_ics", kwargs={"key": personal.key})).content,
        "order": documents.order_ics(workshop_order),
    }
    uid = f"{workshop.guid}@danang-digital-day"
    by_calendar = {name: entries(content) for name, content in calendars.items()}
    for name, found in by_calendar.items():
        assert len(found.get(uid, [])) == 1, f"{name}: the workshop is not there exactly once"
    vevents = {name: found[uid][0] for name, found in by_calendar.items()}
    # The same entry everywhere: same time and revision, so a calendar app updates it in place.
    assert len({vevent.decoded("DTSTART") for vevent in vevents.values()}) == 1
    assert len({vevent.decoded("DTEND") for vevent in vevents.values()}) == 1
    assert len({int(vevent["SEQUENCE"]) for vevent in vevents.values()}) == 1
    # The order's calendar holds the event itself and the workshop, nothing else.
    assert len(by_calendar["order"]) == 2
    # A session the order has no seat in keeps its own UID and is not in the order's calendar.
    keynote_uid = f"{programme['sessions'][0].guid}@danang-digital-day"
    assert keynote_uid in by_calendar["agenda"] and keynote_uid in by_calendar["personal agenda"]
    assert keynote_uid not in by_calendar["order"]
