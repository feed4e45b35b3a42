"""Fixtures for the check-in tests: an event, a list, a valid ticket, a device and its API client."""

import pytest
from rest_framework.test import APIClient

from tests.factories.checkin import CheckInListFactory, DeviceFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory


@pytest.fixture
def ticket_type(db):
    return TicketTypeFactory()


@pytest.fixture
def event(ticket_type):
    return ticket_type.event


@pytest.fixture
def checkin_list(event):
    return CheckInListFactory(event=event, name="Cổng chính")


@pytest.fixture
def ticket(ticket_type):
    return TicketFactory(ticket_type=ticket_type, attendee_name="Nguyễn Thị Lan", organisation="Sở KH&CN")


@pytest.fixture
def device(db):
    return DeviceFactory(name="Cổng B")


@pytest.fixture
def api(device):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {device.token}")
    return client


@pytest.fixture
def redeem(api, checkin_list):
    """POST a scan to the device API; returns the response."""

    def post(secret, **extra):
        body = {"secret": secret, "list": checkin_list.pk, **extra}
        return api.post("/api/v1/checkin/redeem/", body, format="json")

    return post
