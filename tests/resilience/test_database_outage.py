"""The database goes away for a moment (a restart, a failover): 503 with a retry hint, then recovery.

gunicorn (production settings, persistent connections) talks to PostgreSQL through
a TCP proxy that the test cuts and restores, so the outage is real: sockets die mid-connection and new
connections are refused, as when PostgreSQL restarts.
"""

import pytest
from django.db import connection

from tests.conftest import current_database_url
from tests.factories.checkin import CheckInListFactory, DeviceFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory
from tests.resilience.conftest import TcpProxy

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def db_proxy():
    proxy = TcpProxy(
        connection.settings_dict.get("HOST") or "127.0.0.1", int(connection.settings_dict.get("PORT") or 5432)
    )
    yield proxy
    proxy.down()


def test_requests_during_a_database_outage_get_503_and_the_next_ones_succeed(site_pages, gunicorn, db_proxy):
    server = gunicorn(workers=1, DATABASE_URL=current_database_url(port=db_proxy.port))
    # A gate's scanner: its scans run on prepared statements and a pipeline, outside Django's cursor().
    ticket_type = TicketTypeFactory()
    checkin_list = CheckInListFactory(event=ticket_type.event, ticket_types=[ticket_type])
    token = {"Authorization": f"Token {DeviceFactory().token}"}
    first, second = TicketFactory.create_batch(2, ticket_type=ticket_type)

    def scan(ticket):
        return server.post_json(
            "/api/v1/checkin/redeem/", {"secret": ticket.secret, "list": checkin_list.pk}, headers=token
        )

    # Warm: the worker holds a persistent connection (CONN_MAX_AGE) through the proxy.
    for _ in range(3):
        assert server.get("/vi/")[0] == 200
    assert server.get("/healthz/")[0] == 200
    assert scan(first)[0] == 201

    db_proxy.down()
    # /vi/ was served above, so the page cache answers it without the database; everything else needs
    # the database and says "wait": a 503 with a retry hint, in words, never a 500 or a traceback.
    assert server.get("/vi/")[0] == 200
    for path in ("/healthz/", "/en/", "/vi/khong-co-trang-nay/"):
        status, headers, body = server.get(path)
        assert status == 503, (path, status, body[:500])
        assert int(headers["Retry-After"]) > 0
        assert "Traceback" not in body and "OperationalError" not in body
        assert "thử lại" in body or "try again" in body, (path, body[:500])
    status, headers, body = server.get("/api/v1/events/")
    assert status == 503 and headers["Content-Type"] == "application/json", (status, body[:500])
    assert '"reason": "unavailable"' in body and int(headers["Retry-After"]) > 0

    status, headers, body = scan(second)
    assert status == 503 and headers["Content-Type"] == "application/json", (status, body[:500])
    assert '"reason": "unavailable"' in body and int(headers["Retry-After"]) > 0

    db_proxy.up()
    # The next request succeeds: the connection that failed was closed at the end of its request and
    # is replaced (no per-request health check needed).
    assert server.get("/vi/")[0] == 200
    assert server.get("/healthz/")[0] == 200
    assert scan(second)[0] == 201  # nothing of the failed scan was kept
    assert "Traceback" not in server.log()
