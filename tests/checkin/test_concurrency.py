"""Two gates scanning one ticket at the same instant: exactly one `ok`, the others see the first scan."""

import json
import urllib.error
import urllib.request
import uuid

import psycopg
import pytest
from django.db import OperationalError, connection

from checkin.models import CheckIn
from checkin.services import annul_checkin, redeem_ticket
from tests.factories.checkin import CheckInListFactory, DeviceFactory
from tests.factories.registration import TicketFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_redeems_of_one_ticket_on_postgresql(run_parallel):
    assert connection.vendor == "postgresql"
    ticket = TicketFactory()
    checkin_list = CheckInListFactory(event=ticket.ticket_type.event)
    devices = [DeviceFactory(name=f"Cổng {n}") for n in range(20)]

    def scan(index):
        result = redeem_ticket(
            ticket.secret,
            checkin_list,
            nonce=uuid.uuid4().hex,
            gate=f"Cổng {index}",
            device=devices[index],
        )
        return (
            result.status,
            result.reason,
            result.previous_id
            if hasattr(result, "previous_id")
            else (result.previous.pk if result.previous else None),
        )

    answers = run_parallel(20, scan)

    assert not any(isinstance(answer, Exception) for answer in answers), answers
    oks = [answer for answer in answers if answer[0] == "ok"]
    refused = [answer for answer in answers if answer[0] == "error"]
    assert len(oks) == 1 and len(refused) == 19
    first = CheckIn.objects.get(successful=True)
    assert all(reason == "already_redeemed" and previous == first.pk for _s, reason, previous in refused)
    assert CheckIn.objects.count() == 20
    # The refused rows point at the first scan: its time and gate are what the other gates were shown.
    assert set(CheckIn.objects.filter(successful=False).values_list("previous__gate", flat=True)) == {
        first.gate
    }


@pytest.mark.django_db(transaction=True)
def test_eight_scanners_against_the_live_server_never_get_a_500(live_server, run_parallel):
    """On SQLite (WAL, IMMEDIATE, busy timeout) too: parallel requests get correct answers."""
    shared = TicketFactory()
    event = shared.ticket_type.event
    checkin_list = CheckInListFactory(event=event)
    own = [TicketFactory(ticket_type=shared.ticket_type) for _ in range(8)]
    tokens = [DeviceFactory(name=f"Làn {n}").token for n in range(8)]

    def post(token, body):
        request = urllib.request.Request(
            f"{live_server.url}/api/v1/checkin/redeem/",
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def scanner(index):
        return [
            post(tokens[index], {"secret": secret, "list": checkin_list.pk, "nonce": uuid.uuid4().hex})
            for secret in [shared.secret, own[index].secret, "GARBAGE-CODE", own[index].secret]
        ]

    results = run_parallel(8, scanner)

    assert not any(isinstance(answers, Exception) for answers in results), results
    # A scan let in is 201, a refused one 400: nothing else, never a 500.
    pairs = [(status, answer["status"]) for answers in results for status, answer in answers]
    assert len(pairs) == 32 and all(pair in ((201, "ok"), (400, "error")) for pair in pairs), pairs
    shared_answers = [answers[0][1] for answers in results]
    assert sum(answer["status"] == "ok" for answer in shared_answers) == 1
    assert all(
        answer["reason"] == "already_redeemed" for answer in shared_answers if answer["status"] != "ok"
    )
    assert sorted(answers[0][0] for answers in results) == [201] + [400] * 7
    for answers in results:
        assert [status for status, _ in answers[1:]] == [201, 400, 400]
        assert answers[1][1]["status"] == "ok"
        assert answers[2][1]["reason"] == "invalid"
        assert answers[3][1]["reason"] == "already_redeemed"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_ticket_locked_too_long_is_a_503_with_a_retry_hint_not_a_500(client):
    """The lock and the history come back together (psycopg pipeline); an error there, here the lock
    wait running out, must still reach the middleware as Django's OperationalError."""
    ticket = TicketFactory()
    checkin_list = CheckInListFactory(event=ticket.ticket_type.event)
    device = DeviceFactory()
    other_gate = other_gate_connection()
    try:
        other_gate.execute("SELECT 1 FROM registration_ticket WHERE id = %s FOR UPDATE", [ticket.pk])
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '200ms'")
        response = client.post(
            "/api/v1/checkin/redeem/",
            {"secret": ticket.secret, "list": checkin_list.pk},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {device.token}",
        )
    finally:
        other_gate.rollback()
        other_gate.close()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert response.status_code == 503 and response.json()["reason"] == "unavailable"
    assert int(response["Retry-After"]) > 0
    assert not CheckIn.objects.filter(ticket=ticket).exists()


def other_gate_connection():
    settings_dict = connection.settings_dict
    return psycopg.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict["USER"] or "postgres",
        host=settings_dict["HOST"] or "127.0.0.1",
        port=settings_dict["PORT"] or 5432,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_repeat_scan_does_not_wait_for_the_tickets_lock_but_a_possible_admission_does():
    """A code shared on social media, scanned at every lane at once: once it has an entry that counts,
    its scans are refused without queueing behind its row. Undone, the next scan could admit it, and
    takes the lock again (two lanes must not both let it in)."""
    ticket = TicketFactory()
    checkin_list = CheckInListFactory(event=ticket.ticket_type.event)
    device = DeviceFactory(name="Cổng A")
    first = redeem_ticket(ticket.secret, checkin_list, nonce="n1", device=device)
    assert first.ok
    other_gate = other_gate_connection()
    try:
        # Another gate holds the ticket's row as a scan that may admit does; a refusal does not wait.
        hold = "SELECT 1 FROM registration_ticket WHERE id = %s FOR NO KEY UPDATE"
        other_gate.execute(hold, [ticket.pk])
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '200ms'")
        again = redeem_ticket(ticket.secret, checkin_list, nonce="n2", device=device)
        assert (again.reason, again.previous.pk) == ("already_redeemed", first.checkin.pk)
        other_gate.rollback()

        annul_checkin("n1", device=device, checkin_list=checkin_list)
        other_gate.execute(hold, [ticket.pk])
        with pytest.raises(OperationalError):  # the lock wait runs out: this scan would have admitted
            redeem_ticket(ticket.secret, checkin_list, nonce="n3", device=device)
        other_gate.rollback()
        assert redeem_ticket(ticket.secret, checkin_list, nonce="n4", device=device).ok
    finally:
        other_gate.rollback()
        other_gate.close()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert list(CheckIn.objects.order_by("pk").values_list("nonce", "successful")) == [
        ("n1", True),
        ("n2", False),
        ("n4", True),
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_uploads_of_one_ticket_keep_one_admission_on_postgresql(run_parallel):
    """Eight devices upload their offline admissions of one ticket at once: the earliest scan is the
    admission whatever the order the batches commit in, the seven others are conflicts."""
    from datetime import timedelta

    from django.utils import timezone

    from checkin.services import upload_scans

    assert connection.vendor == "postgresql"
    ticket = TicketFactory()
    checkin_list = CheckInListFactory(event=ticket.ticket_type.event)
    devices = [DeviceFactory(name=f"Cổng {n}") for n in range(8)]
    at = timezone.now() - timedelta(minutes=30)

    def upload(index):
        scan = {
            "secret": ticket.secret,
            "list": checkin_list.pk,
            "nonce": f"n{index}",
            "scanned_at": at + timedelta(seconds=index),
            "type": "entry",
        }
        return upload_scans(devices[index], [scan])[0].result

    answers = run_parallel(8, upload)
    assert not any(isinstance(answer, Exception) for answer in answers), answers
    first = CheckIn.objects.get(successful=True)
    assert first.device == devices[0]
    conflicts = CheckIn.objects.filter(reason="conflict")
    assert conflicts.count() == 7 and {row.previous_id for row in conflicts} == {first.pk}
