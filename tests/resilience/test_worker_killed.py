"""A gunicorn worker killed (SIGKILL) in the middle of a check-in burst: nothing is half-done.

Every `ok` a scanner received has its check-in row, no ticket is admitted twice (each code is scanned
twice, by two lanes at once), and the surviving worker keeps answering while the master replaces the
dead one.
"""

import http.client
import json
import os
import signal
import threading
import time

import pytest

from checkin.models import CheckIn
from tests.factories.checkin import CheckInListFactory, DeviceFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

LANES = 8
TICKETS = 120


def scan(port, token, list_id, secret, nonce):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        body = json.dumps({"secret": secret, "list": list_id, "nonce": nonce})
        headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
        conn.request("POST", "/api/v1/checkin/redeem/", body=body, headers=headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        conn.close()


def test_killing_a_worker_mid_burst_loses_no_admission_and_doubles_none(site_pages, gunicorn):
    ticket_type = TicketTypeFactory(capacity=TICKETS)
    secrets = [t.secret for t in TicketFactory.create_batch(TICKETS, ticket_type=ticket_type)]
    checkin_list = CheckInListFactory(event=ticket_type.event)
    tokens = [DeviceFactory().token for _ in range(LANES)]
    server = gunicorn(workers=2, RATELIMIT_ENABLE="false")
    victim = server.workers[0]

    # Every code twice, by two different lanes, interleaved so duplicates race each other.
    jobs = [(secret, lane) for secret in secrets for lane in (0, 1)]
    answers, lock, done = [], threading.Lock(), threading.Event()
    position = iter(range(len(jobs)))

    def lane(number):
        while not done.is_set():
            with lock:
                index = next(position, None)
            if index is None:
                return
            secret, copy = jobs[index]
            token = tokens[(number + copy) % LANES]
            t0 = time.monotonic()
            # A scanner app that gets no answer retries with the same nonce: harmless by contract.
            for _attempt in range(3):
                try:
                    status, data = scan(server.port, token, checkin_list.pk, secret, f"{secret}-{copy}")
                    break
                except (OSError, http.client.HTTPException, ValueError) as error:
                    status, data = None, {"transport": type(error).__name__}
            with lock:
                answers.append({"secret": secret, "status": status, "data": data, "at": t0})

    threads = [threading.Thread(target=lane, args=(n,), daemon=True) for n in range(LANES)]
    for thread in threads:
        thread.start()
    # Kill one worker once the burst is well under way.
    deadline = time.monotonic() + 60
    while len(answers) < len(jobs) // 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    killed_at = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    for thread in threads:
        thread.join(90)
    done.set()
    assert not any(thread.is_alive() for thread in threads)

    answered = [a for a in answers if a["status"] is not None]
    assert not [a for a in answered if a["status"] >= 500], "a 5xx reached a scanner"
    ok = {a["secret"] for a in answered if a["data"].get("status") == "ok"}
    refused = [a for a in answered if a["data"].get("status") == "error"]
    assert {a["data"].get("reason") for a in refused} <= {"already_redeemed"}

    admitted = {}
    for row in CheckIn.objects.filter(checkin_list=checkin_list, successful=True).select_related("ticket"):
        admitted[row.ticket.secret] = admitted.get(row.ticket.secret, 0) + 1
    # Every ok has its row; no ticket admitted twice.
    assert ok <= set(admitted), ok - set(admitted)
    assert max(admitted.values()) == 1
    # With its retries every scan got an answer, and each ticket exactly one admission.
    assert [a for a in answers if a["status"] is None] == []
    assert ok == set(admitted) == set(secrets)
    assert len([a for a in answered if a["at"] > killed_at]) >= len(jobs) // 2
    assert victim not in server.workers  # the master replaced it
