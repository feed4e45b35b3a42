"""The order's calendar and the event's agenda give a workshop the same UID, so a calendar app that
imports both shows it once."""

import icalendar
import pytest
from django.urls import reverse

from registration import services, tokens
from registration.models import SeatStatus

from .conftest import attendee

pytestmark = pytest.mark.django_db


def uids(ics_bytes):
    return [str(entry["UID"]) for entry in icalendar.Calendar.from_ical(ics_bytes).walk("VEVENT")]


def test_order_ics_and_agenda_ics_share_each_workshop_uid(
    client, event, free_type, workshops, django_capture_on_commit_callbacks
):
    first, _overlapping, later = workshops
    with django_capture_on_commit_callbacks(execute=True):
        order = services.place_order(
            event=event,
            email="an@example.com",
            attendees=[attendee(free_type, sessions=[first, later])],
            consent=True,
        )
        services.confirm_email(order)
    assert set(order.tickets.get().seats.values_list("status", flat=True)) == {SeatStatus.CONFIRMED}

    order_calendar = client.get(reverse("registration:calendar", args=[tokens.manage_token(order)]))
    agenda = client.get(event.url + "agenda.ics")
    assert order_calendar.status_code == 200 and agenda.status_code == 200
    in_order, in_agenda = uids(order_calendar.content), uids(agenda.content)

    workshop_uids = {f"{session.guid}@danang-digital-day" for session in (first, later)}
    # One entry per workshop in each file, under the same UID; the order's file adds only the event.
    assert all(in_order.count(uid) == 1 and in_agenda.count(uid) == 1 for uid in workshop_uids)
    assert len(in_order) == 3 and set(in_order) - workshop_uids == {f"event-{event.pk}@danang-digital-day"}
