from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.events import EventPageFactory
from tests.factories.registration import TicketTypeFactory


@pytest.fixture
def soon_event(db):
    """An event that starts in 12 hours: inside the 24-hour reminder window."""
    return EventPageFactory(starts_at=timezone.now() + timedelta(hours=12))


@pytest.fixture
def soon_type(soon_event):
    return TicketTypeFactory(event=soon_event)
