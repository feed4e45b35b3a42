"""The device API: auth, revoked tokens, bad input, unknown lists, each reason, search, annul, status."""

import uuid
from datetime import timedelta

import pytest
import yaml
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from checkin.models import CheckIn, Device
from checkin.services import revoke_device, scan_rate
from registration.codes import generate_secret
from registration.models import OrderStatus, TicketStatus
from tests.factories.checkin import CheckInListFactory, DeviceFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db
REDEEM = "/api/v1/checkin/redeem/"


def test_ok_answer_has_the_contract_shape(redeem, ticket):
    response = redeem(ticket.secret, nonce=str(uuid.uuid4()), gate="Cổng B")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "ok" and body["reason"] is None and body["previous"] is None
    assert body["ticket"]["attendee_name"] == "Nguyễn Thị Lan"
    assert body["ticket"]["organisation"] == "Sở KH&CN"
    assert body["checkin"]["gate"] == "Cổng B" and body["checkin"]["by"] == "Cổng B"
    assert "secret" not in body["ticket"]


def test_already_redeemed_carries_the_first_scan(redeem, ticket):
    first = redeem(ticket.secret, gate="Cổng A").json()
    response = redeem(ticket.secret, gate="Cổng C")
    assert response.status_code == 400
    body = response.json()
    assert body["reason"] == "already_redeemed"
    assert body["previous"]["gate"] == "Cổng A"
    assert body["previous"]["created_at"] == first["checkin"]["created_at"]


def test_each_reason_through_the_api(api, event, ticket, checkin_list):
    def scan(secret, checkin_list=checkin_list):
        return api.post(REDEEM, {"secret": secret, "list": checkin_list.pk}, format="json").json()["reason"]

    assert scan("X" * 28) == "invalid"
    assert scan(TicketFactory().secret) == "wrong_event"
    cancelled = TicketFactory(ticket_type=ticket.ticket_type, status=TicketStatus.CANCELLED)
    assert scan(cancelled.secret) == "canceled"
    unpaid = TicketFactory(ticket_type=ticket.ticket_type, order__status=OrderStatus.PENDING_PAYMENT)
    assert scan(unpaid.secret) == "unpaid"
    vip_only = CheckInListFactory(event=event, ticket_types=[TicketTypeFactory(event=event)])
    assert scan(ticket.secret, vip_only) == "product"

    later = CheckInListFactory(event=event, valid_from=timezone.now() + timedelta(days=3))
    assert scan(ticket.secret, later) == "invalid_time"
    assert scan(ticket.secret) is None
    assert scan(ticket.secret) == "already_redeemed"


def test_no_token_wrong_token_revoked_token_get_401(checkin_list, ticket, device):
    body = {"secret": ticket.secret, "list": checkin_list.pk}
    anonymous = APIClient()
    assert anonymous.post(REDEEM, body, format="json").status_code == 401
    anonymous.credentials(HTTP_AUTHORIZATION="Token ddc_not-a-real-token")
    response = anonymous.post(REDEEM, body, format="json")
    assert response.status_code == 401 and response.json()["status"] == "error"
    anonymous.credentials(HTTP_AUTHORIZATION="Token a b")
    assert anonymous.post(REDEEM, body, format="json").status_code == 401
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {'x' * 5000}")
    assert anonymous.post(REDEEM, body, format="json").status_code == 401

    revoked = APIClient()
    revoked.credentials(HTTP_AUTHORIZATION=f"Token {device.token}")
    revoke_device(device)
    response = revoked.post(REDEEM, body, format="json")
    assert response.status_code == 401
    assert revoked.get("/api/v1/checkin/lists/").status_code == 401
    assert not CheckIn.objects.exists()


def test_token_is_stored_only_as_a_hash(device):
    stored = Device.objects.get(pk=device.pk)
    assert device.token not in (stored.token_hash, stored.token_hint, stored.name)
    assert len(stored.token_hash) == 64


def test_device_token_opens_nothing_but_the_checkin_api(api, client, device):
    # Not a session: the admin and the scanner page stay closed.
    response = client.get("/admin/", HTTP_AUTHORIZATION=f"Token {device.token}")
    assert response.status_code == 302
    assert api.get("/vi/checkin/").status_code == 302


def test_bad_json_and_missing_fields_are_400(api, checkin_list):
    response = api.post(REDEEM, data="{not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["status"] == "error"
    response = api.post(REDEEM, data="[1, 2]", content_type="application/json")
    assert response.status_code == 400 and response.json()["reason"] == "bad_request"
    response = api.post(REDEEM, {"list": checkin_list.pk}, format="json")
    assert response.status_code == 400 and "secret" in response.json()["errors"]
    response = api.post(REDEEM, {"secret": "abc"}, format="json")
    assert response.status_code == 400 and "list" in response.json()["errors"]
    response = api.post(REDEEM, {"secret": "abc", "list": "x"}, format="json")
    assert response.status_code == 400
    response = api.post(REDEEM, {"secret": "abc", "list": checkin_list.pk, "type": "sideways"}, format="json")
    assert response.status_code == 400
    response = api.post(REDEEM, {"secret": "abc", "list": checkin_list.pk, "nonce": "n" * 65}, format="json")
    assert response.status_code == 400
    response = api.post(REDEEM, {"secret": "abc", "list": checkin_list.pk, "type": "exit"}, format="json")
    assert response.status_code == 400 and response.json()["reason"] == "exits_not_recorded"
    response = api.post(REDEEM, {"secret": ["a"], "list": checkin_list.pk}, format="json")
    assert response.status_code == 400


def test_redeem_reads_json_only_and_only_by_post(api, checkin_list, ticket):
    """The redeem endpoint answers without DRF's machinery: the same answers as the others must hold."""
    response = api.get(REDEEM)
    assert response.status_code == 405 and response.json()["reason"] == "method_not_allowed"
    assert response["Allow"] == "POST"
    form = api.post(REDEEM, {"secret": ticket.secret, "list": checkin_list.pk})  # multipart, not JSON
    assert form.status_code == 400 and form.json()["reason"] == "bad_request"
    latin1 = api.post(REDEEM, data=b"\xff\xfe{", content_type="application/json")
    assert latin1.status_code == 400
    for hostile in ('{"secret": NaN, "list": 1}', "[" * 100_000):
        response = api.post(REDEEM, data=hostile, content_type="application/json")
        assert response.status_code == 400 and response.json()["reason"] == "bad_request"
    # DRF's integer field reads "12.0" as 12: the list is then looked up on its own.
    response = api.post(REDEEM, {"secret": ticket.secret, "list": f"{checkin_list.pk}.0"}, format="json")
    assert response.status_code == 201 and response["Content-Type"] == "application/json"
    assert response.content.decode().startswith('{"status":"ok"')  # compact UTF-8, as DRF writes it
    assert "Nguyễn Thị Lan" in response.content.decode()
    unauthenticated = APIClient().post(
        REDEEM, {"secret": ticket.secret, "list": checkin_list.pk}, format="json"
    )
    assert unauthenticated.status_code == 401 and unauthenticated["WWW-Authenticate"] == "Token"
    assert unauthenticated.json()["reason"] == "not_authenticated"


def test_unknown_or_foreign_list_is_404(api, ticket, event):
    assert api.get("/api/v1/checkin/search/", {"list": 99999, "q": "Lan"}).status_code == 404
    assert api.post("/api/v1/checkin/annul/", {"nonce": "unknown"}, format="json").status_code == 404
    assert api.get("/api/v1/checkin/lists/99999/status/").status_code == 404
    response = api.post(REDEEM, {"secret": ticket.secret, "list": 999999}, format="json")
    assert response.status_code == 404 and response.json()["reason"] == "not_found"
    other_event_list = CheckInListFactory()
    bound = DeviceFactory(event=event)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {bound.token}")
    assert (
        client.post(REDEEM, {"secret": ticket.secret, "list": other_event_list.pk}, format="json").status_code
        == 404
    )
    inactive = CheckInListFactory(event=event, is_active=False)
    assert api.post(REDEEM, {"secret": ticket.secret, "list": inactive.pk}, format="json").status_code == 404


def test_nonce_retry_over_the_api(redeem, ticket):
    first = redeem(ticket.secret, nonce="retry-1")
    second = redeem(ticket.secret, nonce="retry-1")
    assert first.status_code == second.status_code == 201
    assert first.json()["checkin"]["id"] == second.json()["checkin"]["id"]
    assert CheckIn.objects.count() == 1


def test_nonce_reused_with_another_code_is_refused_and_recorded(redeem, ticket, ticket_type):
    other = TicketFactory(ticket_type=ticket_type, attendee_name="Trần Văn Bình")
    assert redeem(ticket.secret, nonce="same").status_code == 201
    # Another ticket, an unknown code, or the same ticket as an exit: never the first answer.
    for secret in (other.secret, "not-a-ticket", generate_secret()):
        response = redeem(secret, nonce="same")
        assert response.status_code == 400
        body = response.json()
        assert body["reason"] == "nonce_reused" and "Nguyễn Thị Lan" not in response.content.decode()
        assert "ticket" not in body and body["detail"]
    refused = CheckIn.objects.filter(reason="nonce_reused").order_by("id")
    assert [row.raw_code for row in refused] == [other.secret, "not-a-ticket", refused[2].raw_code]
    assert all(row.nonce == "" and row.ticket_id is None and row.previous.ticket == ticket for row in refused)
    # The other ticket was not admitted by it, and still can be.
    assert redeem(other.secret, nonce="fresh").status_code == 201
    # The same request again still replays.
    assert redeem(ticket.secret, nonce="same").json()["checkin"]["nonce"] == "same"


def test_nonce_of_an_unknown_code_never_turns_green(redeem, ticket):
    assert redeem("made-up", nonce="n-x").json()["reason"] == "invalid"
    response = redeem(ticket.secret, nonce="n-x")
    assert response.status_code == 400 and response.json()["reason"] == "nonce_reused"
    assert not CheckIn.objects.filter(ticket=ticket).exists()


def test_very_long_code_is_invalid_not_500(redeem):
    response = redeem("Z" * 200_000)
    assert response.status_code == 400 and response.json()["reason"] == "invalid"


def test_redeem_is_rate_limited_per_device(redeem, api, checkin_list, settings, ticket, device):
    """The limit counts the device's recorded scans over the period: no shared cache is involved."""
    settings.CHECKIN_DEVICE_RATE = "3/m"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    codes = [redeem("nope").status_code for _ in range(4)]
    assert codes[:3] == [400, 400, 400] and codes[3] == 429
    assert CheckIn.objects.filter(device__pk=device.pk).count() == 3  # the refused request is not a scan
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {DeviceFactory().token}")
    assert (
        other.post(REDEEM, {"secret": ticket.secret, "list": checkin_list.pk}, format="json").status_code
        == 201
    )
    # Scans older than the period no longer count.
    CheckIn.objects.filter(device__pk=device.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    assert redeem(ticket.secret).status_code == 400  # let through: already redeemed by the other device
    settings.RATELIMIT_ENABLE = False
    assert {redeem("nope").status_code for _ in range(5)} == {400}


def test_scan_rate_is_written_as_every_rate_setting(settings):
    """CHECKIN_DEVICE_RATE in the notation of the site's other rates (core.ratelimit), at least one
    scan per period; a wrong one is reported at start-up, not at the gate."""
    assert scan_rate("50/s") == (50, 1)
    assert scan_rate("3/m") == (3, 60)
    assert scan_rate("100/5m") == (100, 300)
    assert scan_rate("1000/d") == (1000, 86400)
    assert scan_rate("100/M") == (100, 60)
    for wrong in ("50", "/s", "many/s", "-1/s", "0/s", "5/0m", ""):
        with pytest.raises(ValueError):
            scan_rate(wrong)

    assert [error.id for error in run_checks() if error.id.startswith("checkin.")] == []
    for wrong in ("fifty a second", "0/s"):
        settings.CHECKIN_DEVICE_RATE = wrong
        assert [error.id for error in run_checks() if error.id.startswith("checkin.")] == ["checkin.E001"]


def _data_queries(statements):
    """SELECT/INSERT/UPDATE statements; BEGIN/COMMIT/SAVEPOINT are logged on SQLite but not on PostgreSQL."""
    control = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
    return [sql for sql in statements if not sql.lstrip().upper().startswith(control)]


@pytest.mark.django_db(transaction=True)
def test_redeem_makes_a_fixed_small_number_of_queries():
    """Device with its list, ticket (locked, with order/type/admission checks), its scans, the insert: 4
    (target: at most 6; with BEGIN and COMMIT, 6 round trips)."""
    ticket_type = TicketTypeFactory()
    checkin_list = CheckInListFactory(event=ticket_type.event, ticket_types=[ticket_type])
    device = DeviceFactory()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {device.token}")
    tickets = TicketFactory.create_batch(3, ticket_type=ticket_type)

    def count(secret, expected_status):
        sent = []

        def record(execute, sql, params, many, context):
            sent.append(sql)
            return execute(sql, params, many, context)

        with CaptureQueriesContext(connection) as context, connection.execute_wrapper(record):
            body = {"secret": secret, "list": checkin_list.pk, "nonce": uuid.uuid4().hex}
            assert client.post(REDEEM, body, format="json").status_code == expected_status
        logged = _data_queries(query["sql"] for query in context.captured_queries)
        # The query log (which prepared statements reach through core.db) counts what the
        # connection was given.
        assert len(logged) == len(_data_queries(sent))
        return len(logged)

    first_scans = [count(ticket.secret, 201) for ticket in tickets[:2]]
    assert first_scans == [4, 4]
    # Opting in to asynchronous commit costs no statement: it rides in the insert, as a refusal's does.
    with override_settings(CHECKIN_ASYNC_COMMIT=True):
        assert count(tickets[2].secret, 201) == 4
    assert count(tickets[0].secret, 400) == 4  # repeat scan
    # An unknown code is the cheapest answer: device with list, insert (no ticket, no nonce lookup).
    assert count("garbage", 400) == 2


def test_lists_endpoint(api, checkin_list, event, django_assert_num_queries):
    CheckInListFactory(event=event, ticket_types=[TicketTypeFactory(event=event)])
    response = api.get("/api/v1/checkin/lists/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and {item["id"] for item in body["results"]} >= {checkin_list.pk}
    # Same number of queries for 2 lists as for 4.

    with CaptureQueriesContext(connection) as two:
        api.get("/api/v1/checkin/lists/")
    CheckInListFactory.create_batch(2, event=event, ticket_types=[TicketTypeFactory(event=event)])
    with django_assert_num_queries(len(two.captured_queries)):
        assert api.get("/api/v1/checkin/lists/").json()["count"] == 4


def test_search_finds_tickets_with_their_secret(api, checkin_list, ticket):
    TicketFactory(ticket_type=ticket.ticket_type, attendee_name="Trần Văn Bình")
    response = api.get("/api/v1/checkin/search/", {"list": checkin_list.pk, "q": "Lan"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["attendee_name"] for r in results] == ["Nguyễn Thị Lan"]
    assert results[0]["secret"] == ticket.secret and results[0]["checked_in"] is False
    by_reference = api.get("/api/v1/checkin/search/", {"list": checkin_list.pk, "q": ticket.order.reference})
    assert by_reference.json()["count"] == 1
    assert api.get("/api/v1/checkin/search/", {"list": checkin_list.pk, "q": "x"}).json()["count"] == 0
    assert api.get("/api/v1/checkin/search/", {"q": "Lan"}).status_code == 400
    # Tickets of other events are not found.
    TicketFactory(attendee_name="Nguyễn Thị Lan Khác")
    assert api.get("/api/v1/checkin/search/", {"list": checkin_list.pk, "q": "Lan"}).json()["count"] == 1


def test_annul(api, redeem, ticket, checkin_list):
    redeem(ticket.secret, nonce="to-undo")
    response = api.post("/api/v1/checkin/annul/", {"nonce": "to-undo"}, format="json")
    assert response.status_code == 200 and response.json()["checkin"]["annulled"] is True
    assert redeem(ticket.secret, nonce="again").status_code == 201
    assert api.post("/api/v1/checkin/annul/", {}, format="json").status_code == 400
    assert api.post("/api/v1/checkin/annul/", data="nope", content_type="application/json").status_code == 400


def test_status(api, redeem, ticket, checkin_list, event):
    hall = CheckInListFactory(event=event, record_exits=True, allow_reentry=True)
    TicketFactory(ticket_type=ticket.ticket_type)
    redeem(ticket.secret)
    body = api.get(f"/api/v1/checkin/lists/{checkin_list.pk}/status/").json()
    assert body["checked_in"] == 1 and body["registered"] == 2 and body["inside"] is None
    assert body["by_ticket_type"][0]["checked_in"] == 1
    api.post(REDEEM, {"secret": ticket.secret, "list": hall.pk}, format="json")
    assert api.get(f"/api/v1/checkin/lists/{hall.pk}/status/").json()["inside"] == 1
    api.post(REDEEM, {"secret": ticket.secret, "list": hall.pk, "type": "exit"}, format="json")
    assert api.get(f"/api/v1/checkin/lists/{hall.pk}/status/").json()["inside"] == 0


def test_create_checkin_device_command_prints_the_token(capsys):
    call_command("create_checkin_device", "Cổng C làn 1")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    device = Device.objects.get(name="Cổng C làn 1")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/checkin/lists/").status_code == 200
    assert device.token_hash != token


def test_schema_documents_the_checkin_endpoints(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"] if response["Content-Type"].startswith("application/json") else None
    if paths is None:
        paths = yaml.safe_load(response.content)["paths"]
    for path in [
        "/api/v1/checkin/redeem/",
        "/api/v1/checkin/lists/",
        "/api/v1/checkin/lists/{id}/status/",
        "/api/v1/checkin/search/",
        "/api/v1/checkin/annul/",
    ]:
        assert path in paths
