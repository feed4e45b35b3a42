"""Which lists a device may use: one rule (checkin.access), asked by the scan path and the ORM paths alike."""

import itertools

import pytest
from rest_framework.test import APIClient

from checkin.access import device_may_use, lists_for_device
from checkin.models import CheckInList
from checkin.services import scanner_for_token
from tests.factories.checkin import CheckInListFactory, DeviceFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two events; active and inactive lists on each; a device bound to each event and one to none."""
    events = [TicketTypeFactory().event, TicketTypeFactory().event]
    lists = [
        CheckInListFactory(event=event, is_active=active) for event in events for active in (True, False)
    ]
    devices = [DeviceFactory(event=None), DeviceFactory(event=events[0]), DeviceFactory(event=events[1])]
    return events, lists, devices


def test_the_rule(world):
    _events, lists, (unbound, bound_first, _bound_second) = world
    active_first, inactive_first, active_second, _inactive_second = lists
    assert set(lists_for_device(unbound)) == {active_first, active_second}
    assert set(lists_for_device(bound_first)) == {active_first}
    assert device_may_use(bound_first, active_first)
    assert not device_may_use(bound_first, inactive_first)
    assert not device_may_use(bound_first, active_second)
    assert not device_may_use(unbound, None)


def test_the_scan_path_and_the_orm_paths_agree(world):
    """For every device and list: the scan's one statement, the queryset and the predicate give one answer."""
    _events, lists, devices = world
    for device, checkin_list in itertools.product(devices, lists):
        by_queryset = lists_for_device(device).filter(pk=checkin_list.pk).exists()
        by_predicate = device_may_use(device, CheckInList.objects.get(pk=checkin_list.pk))
        scanner = scanner_for_token(device.token_hash, checkin_list.pk)
        by_scan = scanner.checkin_list is not None
        assert by_queryset == by_predicate == by_scan, (device.event_id, checkin_list.event_id)
        if by_scan:
            assert scanner.checkin_list == checkin_list and scanner.device == device
    assert sum(device_may_use(device, item) for device, item in itertools.product(devices, lists)) == 4


def test_every_device_endpoint_follows_the_rule(world):
    _events, lists, devices = world
    bound_first = devices[1]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {bound_first.token}")
    listed = {item["id"] for item in client.get("/api/v1/checkin/lists/").json()["results"]}
    assert listed == {lists[0].pk}
    annul_url = "/api/v1/checkin/annul/"
    unknown_list = client.post(annul_url, {"nonce": "n-1", "list": 999999}, format="json").json()["detail"]
    for checkin_list in lists:
        allowed = checkin_list.pk in listed
        expected = 200 if allowed else 404
        assert client.get(f"/api/v1/checkin/lists/{checkin_list.pk}/status/").status_code == expected
        search = client.get("/api/v1/checkin/search/", {"list": checkin_list.pk, "q": "Lan"})
        assert search.status_code == expected
        annul = client.post(annul_url, {"nonce": "n-1", "list": checkin_list.pk}, format="json")
        assert annul.status_code == 404  # no such scan on a list it may use, or no such list for it
        assert (annul.json()["detail"] == unknown_list) is not allowed
        redeem = client.post(
            "/api/v1/checkin/redeem/", {"secret": "nope", "list": checkin_list.pk}, format="json"
        )
        assert redeem.status_code == (400 if allowed else 404)
