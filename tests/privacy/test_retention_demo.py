"""The demo shows retention at work: the past editions have attendees, and the oldest edition's are
anonymised (counts kept) by the same rules the daily task applies."""

import random

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone

from demo.loaders import content, events, registration
from events.models import EventPage
from registration.models import RetentionRun, Ticket

pytestmark = pytest.mark.django_db


def test_the_oldest_edition_is_anonymised_and_the_upcoming_one_is_not():
    for number, loader in enumerate((content, events, registration)):
        loader.load(scale=1, rng=random.Random(number), log=lambda line: None)
    now = timezone.now()
    past = EventPage.objects.filter(locale__language_code="vi", event_type="digital_day", ends_at__lt=now)
    oldest = past.order_by("starts_at").first()
    assert oldest.ends_at < now - relativedelta(months=settings.PRIVACY_RETAIN_ATTENDEES_MONTHS)
    tickets = Ticket.objects.filter(ticket_type__event=oldest)
    assert tickets.count() == 20
    assert not tickets.exclude(attendee_name="").exists() and not tickets.exclude(email="").exists()
    assert tickets.filter(status="valid").count() == 20  # the counts stay for reports
    upcoming = Ticket.objects.filter(ticket_type__event__ends_at__gte=now)
    assert upcoming.exists() and not upcoming.filter(attendee_name="").exists()
    assert RetentionRun.objects.latest("started_at").counts["tickets"] >= 20
