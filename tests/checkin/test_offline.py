"""The offline bundle and the upload of offline scans: no raw secrets, the `since` cursor, the same
rules at the scan's time, first by scan time wins (the other is a conflict), idempotent by nonce."""

import hashlib
import json
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from checkin.models import CheckIn
from checkin.services import redeem_ticket
from registration.models import OrderStatus
from registration.services.privacy import erase_personal_data
from tests.factories.checkin import CheckInListFactory, DeviceFactory
from tests.factories.events import SessionFactory
from tests.factories.registration import SessionSeatFactory, TicketFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db
UPLOAD = "/api/v1/checkin/upload/"


def bundle_url(checkin_list):
    return f"/api/v1/checkin/lists/{checkin_list.pk}/offline/"


def rows(bundle):
    columns = bundle["columns"]
    return {row[0]: dict(zip(columns, row, strict=True)) for row in bundle["tickets"]}


def scan(secret, checkin_list, nonce, at, **extra):
    return {"secret": secret, "list": checkin_list.pk, "nonce": nonce, "scanned_at": at.isoformat(), **extra}


def test_bundle_has_hashes_never_secrets(api, checkin_list, ticket, ticket_type):
    other_type = TicketTypeFactory(event=ticket_type.event)
    hall = CheckInListFactory(event=ticket_type.event, ticket_types=[ticket_type])
    other = TicketFactory(ticket_type=other_type, attendee_name="Trần Văn Bình")
    redeem_ticket(ticket.secret, hall, gate="Cổng A", device=DeviceFactory(name="Máy 1"))
    response = api.get(bundle_url(hall))
    assert response.status_code == 200
    text = response.content.decode()
    assert ticket.secret not in text and other.secret not in text
    bundle = json.loads(text)
    by_id = rows(bundle)
    mine = by_id[ticket.pk]
    assert mine["hash"] == hashlib.sha256(ticket.secret.encode()).hexdigest()
    assert mine["name"] == "Nguyễn Thị Lan" and mine["refusal"] is None
    assert mine["first_entry"][1] == "Cổng A" and mine["first_entry"][2] == "Máy 1" and mine["inside"]
    # Same reasons as online: the type this list does not admit is refused before its hours.
    assert by_id[other.pk]["refusal"] == ["product", "", True]
    assert bundle["list"]["id"] == hall.pk and bundle["cursor"]
    assert "@" not in text  # no e-mail addresses


def test_bundle_carries_the_rules_per_ticket(api, event, ticket_type):
    session = SessionFactory(event=event, requires_signup=True, capacity=10)
    door = CheckInListFactory(event=event, session=session)
    seated = TicketFactory(ticket_type=ticket_type)
    SessionSeatFactory(ticket=seated, session=session)
    unseated = TicketFactory(ticket_type=ticket_type)
    unpaid = TicketFactory(ticket_type=ticket_type, order__status=OrderStatus.PENDING_PAYMENT)
    SessionSeatFactory(ticket=unpaid, session=session)
    press = TicketFactory(ticket_type=ticket_type, category="press")
    SessionSeatFactory(ticket=press, session=session)
    by_id = rows(api.get(bundle_url(door)).json())
    assert by_id[seated.pk]["refusal"] is None
    assert by_id[unseated.pk]["refusal"] == ["product", "no_seat", True]
    assert by_id[unpaid.pk]["refusal"] == ["unpaid", "pending_payment", False]
    assert by_id[press.pk]["attention"] == ["Báo chí"]


def test_bundle_carries_what_a_badge_prints_in_the_attendees_language(api, checkin_list, ticket, ticket_type):
    """The scanner prints a badge offline as the print page does online: the paper the organisers chose
    per ticket type, the type's and category's names in the order's language, the category's colour."""
    from checkin.badges import CATEGORY_COLOURS
    from checkin.models import BadgeLayout, BadgeSettings
    from tests.factories.registration import OrderFactory

    guest_type = TicketTypeFactory(event=ticket_type.event, name_vi="Khách mời", name_en="Guest")
    BadgeSettings.objects.create(ticket_type=guest_type, layout=BadgeLayout.LABEL_62)
    english = TicketFactory(
        ticket_type=guest_type,
        category="press",
        order=OrderFactory(event=ticket_type.event, language="en"),
    )
    bundle = api.get(bundle_url(checkin_list)).json()
    by_id = rows(bundle)
    assert (by_id[ticket.pk]["language"], by_id[english.pk]["language"]) == ("vi", "en")
    badges = bundle["badges"]
    assert badges["event"] == ticket_type.event.title
    assert badges["ticket_types"][str(guest_type.pk)] == {
        "layout": "label62",
        "name": {"vi": "Khách mời", "en": "Guest"},
    }
    assert badges["ticket_types"][str(ticket_type.pk)]["layout"] == "a6"  # no settings: A6
    assert badges["categories"]["press"] == {
        "colour": CATEGORY_COLOURS["press"],
        "label": {"vi": "Báo chí", "en": "Press"},
    }


def test_since_returns_changes_and_cancellations(api, checkin_list, ticket, ticket_type):
    quiet = TicketFactory(ticket_type=ticket_type)
    first = api.get(bundle_url(checkin_list)).json()
    assert set(rows(first)) == {ticket.pk, quiet.pk}
    # Move time past the overlap: only what changes from now on comes back.
    later = timezone.now() + timedelta(minutes=5)
    cursor = (later - timedelta(minutes=2)).isoformat()
    CheckIn.objects.all().delete()
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=later):
        erase_personal_data(ticket.order)
        fresh = TicketFactory(ticket_type=ticket_type)
    changes = api.get(bundle_url(checkin_list), {"since": cursor}).json()
    by_id = rows(changes)
    assert set(by_id) == {ticket.pk, fresh.pk}
    assert by_id[ticket.pk]["refusal"][0] == "canceled" and by_id[ticket.pk]["name"] == ""
    assert changes["since"] == cursor
    assert api.get(bundle_url(checkin_list), {"since": "yesterday"}).status_code == 400
    assert api.get(bundle_url(checkin_list), {"since": "2026-13-45T99:00:00+07:00"}).status_code == 400


def test_bundle_queries_do_not_grow_with_tickets(
    api, checkin_list, ticket_type, django_assert_max_num_queries
):
    TicketFactory.create_batch(3, ticket_type=ticket_type)
    with django_assert_max_num_queries(10) as few:
        api.get(bundle_url(checkin_list))
    TicketFactory.create_batch(6, ticket_type=ticket_type)
    with django_assert_max_num_queries(len(few.captured_queries)):
        api.get(bundle_url(checkin_list))


def test_bundle_of_another_events_list_is_404(checkin_list):
    from tests.factories.events import EventPageFactory

    bound = DeviceFactory(event=EventPageFactory())
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {bound.token}")
    assert client.get(bundle_url(checkin_list)).status_code == 404
    assert APIClient().get(bundle_url(checkin_list)).status_code == 401


def test_upload_records_scans_at_their_time_and_is_idempotent(api, device, checkin_list, ticket, ticket_type):
    other = TicketFactory(ticket_type=ticket_type)
    at = timezone.now() - timedelta(minutes=30)
    batch = {
        "scans": [
            scan(ticket.secret, checkin_list, "u1", at),
            scan(ticket.secret, checkin_list, "u2", at + timedelta(seconds=20)),
            scan("made-up", checkin_list, "u3", at),
            {"ticket": other.pk, "list": checkin_list.pk, "nonce": "u4", "scanned_at": at.isoformat()},
            scan(ticket.secret, checkin_list, "u5", at) | {"list": 999999},
        ]
    }
    response = api.post(UPLOAD, batch, format="json")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [item["result"] for item in results] == ["ok", "already_redeemed", "invalid", "ok", "unknown_list"]
    assert [item["nonce"] for item in results] == ["u1", "u2", "u3", "u4", "u5"]
    row = CheckIn.objects.get(nonce="u1")
    assert row.created_at == at and row.uploaded_at is not None and row.device == device
    assert results[1]["previous"]["id"] == row.pk
    count = CheckIn.objects.count()
    again = api.post(UPLOAD, batch, format="json").json()["results"]
    assert [item["result"] for item in again] == [item["result"] for item in results]
    assert [item["checkin"] for item in again] == [item["checkin"] for item in results]
    assert CheckIn.objects.count() == count


def test_first_by_scan_time_wins_the_other_is_a_conflict(event, checkin_list, ticket):
    gate_a, gate_b = DeviceFactory(name="Cổng A"), DeviceFactory(name="Cổng B")
    clients = {}
    for device in (gate_a, gate_b):
        clients[device] = APIClient()
        clients[device].credentials(HTTP_AUTHORIZATION=f"Token {device.token}")
    at = timezone.now() - timedelta(minutes=10)
    # B admitted at 08:41 and uploads first; A admitted at 08:40 and uploads later: A wins.
    b = clients[gate_b].post(
        UPLOAD, {"scans": [scan(ticket.secret, checkin_list, "b1", at + timedelta(minutes=1))]}, format="json"
    )
    assert b.json()["results"][0]["result"] == "ok"
    a = clients[gate_a].post(
        UPLOAD, {"scans": [scan(ticket.secret, checkin_list, "a1", at, gate="Cổng A")]}, format="json"
    )
    assert a.json()["results"][0]["result"] == "ok"
    first, second = CheckIn.objects.get(nonce="a1"), CheckIn.objects.get(nonce="b1")
    assert first.successful and not second.successful
    assert second.reason == "conflict" and second.previous == first
    # B sees the conflict when it syncs again (same batch: same nonce, now answered as a conflict).
    again = clients[gate_b].post(
        UPLOAD, {"scans": [scan(ticket.secret, checkin_list, "b1", at + timedelta(minutes=1))]}, format="json"
    )
    assert again.json()["results"][0]["result"] == "conflict"
    assert "Cổng A" in again.json()["results"][0]["message"]
    # A third device, later still: a conflict too; the same device twice: already redeemed.
    c = DeviceFactory()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {c.token}")
    late = client.post(
        UPLOAD,
        {
            "scans": [
                scan(ticket.secret, checkin_list, "c1", at + timedelta(minutes=2)),
                scan(ticket.secret, checkin_list, "c2", at + timedelta(minutes=3)),
            ]
        },
        format="json",
    )
    assert [item["result"] for item in late.json()["results"]] == ["conflict", "already_redeemed"]
    assert CheckIn.objects.filter(ticket=ticket, successful=True).count() == 1


def test_upload_applies_the_rules_at_the_scan_time(api, event, ticket):
    now = timezone.now()
    morning = CheckInListFactory(
        event=event, valid_from=now - timedelta(hours=3), valid_until=now - timedelta(hours=1)
    )
    results = api.post(
        UPLOAD,
        {
            "scans": [
                scan(ticket.secret, morning, "t1", now - timedelta(minutes=30)),
                scan(ticket.secret, morning, "t2", now - timedelta(hours=2)),
            ]
        },
        format="json",
    ).json()["results"]
    assert [item["result"] for item in results] == ["invalid_time", "ok"]


def test_upload_nonce_reused_and_bad_batches(api, checkin_list, ticket, ticket_type):
    at = timezone.now()
    api.post(UPLOAD, {"scans": [scan(ticket.secret, checkin_list, "n1", at)]}, format="json")
    other = TicketFactory(ticket_type=ticket_type)
    reused = api.post(UPLOAD, {"scans": [scan(other.secret, checkin_list, "n1", at)]}, format="json").json()
    assert reused["results"][0]["result"] == "nonce_reused" and reused["results"][0]["checkin"] is None
    assert CheckIn.objects.filter(reason="nonce_reused", raw_code=other.secret).exists()
    assert not CheckIn.objects.filter(ticket=other).exists()
    too_many = {"scans": [scan(ticket.secret, checkin_list, f"m{i}", at) for i in range(501)]}
    assert api.post(UPLOAD, too_many, format="json").status_code == 400
    for body in (
        {},
        {"scans": []},
        {"scans": [{"list": checkin_list.pk, "nonce": "x", "scanned_at": at.isoformat()}]},
        {"scans": "nope"},
        [1],
    ):
        response = api.post(UPLOAD, body, format="json")
        assert response.status_code == 400 and response.json()["reason"] == "bad_request"


def test_upload_queries_do_not_grow_with_the_batch(
    api, checkin_list, ticket_type, django_assert_max_num_queries
):
    at = timezone.now()

    def batch(prefix, count):
        return {
            "scans": [
                scan(t.secret, checkin_list, f"{prefix}{i}", at)
                for i, t in enumerate(TicketFactory.create_batch(count, ticket_type=ticket_type))
            ]
        }

    small, large = batch("s", 2), batch("l", 8)
    with django_assert_max_num_queries(12) as few:
        api.post(UPLOAD, small, format="json")
    with django_assert_max_num_queries(len(few.captured_queries)):
        api.post(UPLOAD, large, format="json")


def test_dashboard_lists_conflicts(admin_client, event, checkin_list, ticket):
    at = timezone.now() - timedelta(minutes=10)
    for name, offset in (("Cổng A", 0), ("Cổng D", 1)):
        device = DeviceFactory(name=name)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {device.token}")
        client.post(
            UPLOAD,
            {"scans": [scan(ticket.secret, checkin_list, "x", at + timedelta(minutes=offset), gate=name)]},
            format="json",
        )
    page = admin_client.get(f"/admin/checkin/dashboard/{event.pk}/").content.decode()
    table = page[page.index("data-conflicts") :]
    assert "Nguyễn Thị Lan" in table and "Cổng A" in table and "Cổng D" in table
    first = timezone.localtime(at).strftime("%H:%M:%S")
    assert first in table
