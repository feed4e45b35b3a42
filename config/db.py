"""SQL for hot paths: statements PostgreSQL plans once, rows read without building querysets.

The check-in redeem endpoint runs the same four statements for every scan, thousands of times in a
morning. Two costs dominated it once the queries themselves were small, both measured per scan on
PostgreSQL: planning each statement again (half of the server's CPU, 1.12 ms → 0.61 ms once
prepared), and the ORM's work around a raw row (reading `cursor.description`, resolving columns and
converters: more CPU than the database spent). These helpers remove both and keep the rest: the
statements still go through Django's cursor wrapper (logged, counted by query-count tests, seen by
execute wrappers), and values get the converters the ORM would apply (SQLite returns datetimes as
text and booleans as integers).
"""

import contextlib
import functools

from django.conf import settings
from django.db import connection


@functools.cache
def _cursor_class():
    import psycopg  # only where PostgreSQL is used

    class PreparingCursor(psycopg.Cursor):
        """Server-side binding, and every statement prepared on its first run on this connection."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

        def _send_query_prepared(self, name, pgq, *, binary=None):
            # psycopg notes the statement run only when it is not prepared; Django's query log (and
            # so the query-count tests) reads that note. (psycopg is pinned: this is its 3.3 API.)
            self._query = pgq
            super()._send_query_prepared(name, pgq, binary=binary)

    return PreparingCursor


@contextlib.contextmanager
def prepared_cursor():
    """Django's cursor, except that on PostgreSQL its statements are prepared once per connection.

    Django binds parameters on the client by default so that connection poolers without support
    for prepared statements keep working; set DATABASE_PREPARED_STATEMENTS=false behind such a
    pooler (PgBouncer before 1.21 in transaction mode) and this is Django's plain cursor.
    """
    if connection.vendor != "postgresql" or not getattr(settings, "DATABASE_PREPARED_STATEMENTS", True):
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = _cursor_class()(connection.connection)
    cursor = connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)
    with cursor:
        yield cursor


@functools.cache
def _converting(vendor, fields):
    """Which of `fields` need a from-database converter on this kind of database: [(index, field)]."""
    needed = []
    for index, field in enumerate(fields):
        column = field.get_col(field.model._meta.db_table)
        if connection.ops.get_db_converters(column) + field.get_db_converters(connection):
            needed.append((index, field))
    return needed


def from_db_values(fields, values):
    """`values` (a row, in the order of `fields`) as the ORM would have returned them."""
    converting = _converting(connection.vendor, tuple(fields))
    if not converting:
        return values
    values = list(values)
    for index, field in converting:
        column = field.get_col(field.model._meta.db_table)
        for convert in connection.ops.get_db_converters(column) + field.get_db_converters(connection):
            values[index] = convert(values[index], column, connection)
    return values


def to_db_values(fields, values):
    """Python values as INSERT parameters for `fields`, prepared as the ORM's save() would."""
    return [field.get_db_prep_save(value, connection) for field, value in zip(fields, values, strict=True)]
