"""The check-in demo data: lists per day and per workshop door, a device, a few scans; a second run adds nothing."""

import random
from datetime import timedelta

import pytest

from checkin.models import CheckIn, CheckInList, Device
from demo.loaders import checkin as loader
from tests.factories.events import EventPageFactory, SessionFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent():
    day = EventPageFactory(event_type="digital_day")
    day.ends_at = day.starts_at + timedelta(days=1, hours=9)
    day.save()
    SessionFactory(event=day, requires_signup=True, capacity=30)
    SessionFactory(event=day)
    ticket_type = TicketTypeFactory(event=day)
    TicketFactory.create_batch(3, ticket_type=ticket_type)

    loader.load(scale=1, rng=random.Random(1), log=lambda *a: None)
    counts = (CheckInList.objects.count(), Device.objects.count(), CheckIn.objects.count())
    # whole event + 2 days + 1 workshop door; 3 check-ins + a repeat + an invalid code
    assert counts == (4, 1, 5)
    assert CheckInList.objects.filter(session__isnull=False).count() == 1
    loader.load(scale=1, rng=random.Random(2), log=lambda *a: None)
    assert (CheckInList.objects.count(), Device.objects.count(), CheckIn.objects.count()) == counts


def test_demo_without_events_does_nothing():
    loader.load(scale=1, rng=random.Random(1), log=lambda *a: None)
    assert not CheckInList.objects.exists()
