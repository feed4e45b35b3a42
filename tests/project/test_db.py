"""The hot-path SQL helpers (core/db.py): prepared on PostgreSQL, still logged, values as the ORM gives them."""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from checkin.models import CheckIn
from core.db import Columns, prepared_cursor
from tests.factories.checkin import CheckInListFactory, DeviceFactory

pytestmark = pytest.mark.django_db


def test_statements_are_logged_and_answered():
    device = DeviceFactory(name="Cổng B")
    with CaptureQueriesContext(connection) as context, prepared_cursor() as cursor:
        for _ in range(3):
            cursor.execute("SELECT name FROM checkin_device WHERE id = %s", [device.pk])
            assert cursor.fetchone() == ("Cổng B",)
    assert len(context.captured_queries) == 3
    assert all("SELECT name FROM" in query["sql"] for query in context.captured_queries)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_on_postgresql_a_statement_is_prepared_once_per_connection(settings):
    sql = "SELECT count(*) FROM checkin_device WHERE name = %s"
    with prepared_cursor() as cursor:
        for name in ("a", "b", "c"):
            cursor.execute(sql, [name])
        cursor.execute("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements")
        prepared = dict(cursor.fetchall())
    assert prepared.get(sql.replace("%s", "$1")) == 3

    with connection.cursor() as cursor:  # their plans are made once, not again for each run's values
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone() == ("force_generic_plan",)

    settings.DATABASE_PREPARED_STATEMENTS = False  # behind a pooler that cannot keep them
    other = "SELECT count(*) FROM checkin_device WHERE id = %s"
    with prepared_cursor() as cursor:
        cursor.execute(other, [1])
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        assert other.replace("%s", "$1") not in {row[0] for row in cursor.fetchall()}


def test_values_go_in_and_come_out_as_the_orm_would():
    """SQLite keeps datetimes as text and booleans as integers: both come back as Python values."""
    device = DeviceFactory()
    when = datetime.fromisoformat("2026-10-10T01:42:00+00:00")
    columns = Columns.of(CheckIn, "created_at", "successful", "gate")
    list_id = CheckInListFactory().pk
    with prepared_cursor() as cursor:
        cursor.execute(
            "INSERT INTO checkin_checkin (created_at, successful, gate, checkin_list_id, device_id, type, reason,"
            " raw_code, nonce, attention) VALUES (%s, %s, %s, %s, %s, 'entry', '', '', '', %s)",
            [*columns.write([when, True, "Cổng A"]), list_id, device.pk, False],
        )
        cursor.execute(
            "SELECT created_at, successful, gate FROM checkin_checkin WHERE device_id = %s", [device.pk]
        )
        values = columns.read(cursor.fetchone())
    assert list(values) == [when, True, "Cổng A"]
    assert CheckIn.objects.get(device=device).created_at == when
