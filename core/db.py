"""SQL for hot paths: statements PostgreSQL plans once, rows read without building querysets.

The check-in redeem endpoint runs the same four statements for every scan, thousands of times in a
morning. Two costs dominated it once the queries themselves were small, both measured per scan on
PostgreSQL (checkin/README.md): planning each statement again, and the ORM's work around a raw row
(reading `cursor.description`, resolving columns and converters). `prepared_cursor` and `Columns`
remove both and keep the rest: the statements still go through Django's cursor wrapper (logged,
counted by query-count tests, seen by execute wrappers), and values get the converters the ORM
would apply (SQLite returns datetimes as text and booleans as integers). Public APIs only:
psycopg's `execute(prepare=True)` and Django's cursor wrappers.
"""

import contextlib
import functools

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper


@functools.cache
def _cursor_class():
    import psycopg  # the driver is loaded only where PostgreSQL is the database

    class PreparingCursor(psycopg.Cursor):
        """Server-side binding, and every statement prepared on its first run on this connection
        (psycopg's public `prepare=True`)."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparingCursor


class PreparedStatementLog(CursorDebugWrapper):
    """Django's query log (DEBUG, query-count tests) for prepared statements: each one logged as
    prepared, with placeholders, its values beside it.

    CursorDebugWrapper.execute logs psycopg's note of the query last sent, and psycopg leaves that
    note unset when it runs a prepared statement; so this logs the statement it was given.
    """

    def execute(self, sql, params=None):
        with self.debug_sql(sql, params):
            return CursorWrapper.execute(self, sql, params)  # execute wrappers still see it


def _prepares(db):
    """Whether this connection prepares the hot path's statements (PostgreSQL, unless switched off)."""
    return db.vendor == "postgresql" and settings.DATABASE_PREPARED_STATEMENTS


@contextlib.contextmanager
def prepared_cursor():
    """Django's cursor, except that on PostgreSQL its statements are prepared once per connection.

    Django binds parameters on the client by default so that connection poolers without support
    for prepared statements keep working; set DATABASE_PREPARED_STATEMENTS=false behind such a
    pooler (PgBouncer before 1.21 in transaction mode) and this is Django's plain cursor.
    """
    db = connections[DEFAULT_DB_ALIAS]  # once: each `connection.x` is a lookup in thread-local storage
    if not _prepares(db):
        with db.cursor() as cursor:
            yield cursor
        return
    # As Django's own cursor(): the optional health check, then errors raised as Django's (so a
    # database outage is answered 503 by core.middleware, not 500).
    db.close_if_health_check_failed()
    db.ensure_connection()
    db.validate_thread_sharing()
    with db.wrap_database_errors:
        raw = _cursor_class()(db.connection)
    with PreparedStatementLog(raw, db) if db.queries_logged else db.make_cursor(raw) as cursor:
        yield cursor


@contextlib.contextmanager
def pipeline():
    """On PostgreSQL, the statements executed inside are sent together and answered in one round
    trip (psycopg's pipeline mode); read their results after the block, one cursor per statement.
    Elsewhere, and with DATABASE_PREPARED_STATEMENTS off, they simply run one by one."""
    db = connections[DEFAULT_DB_ALIAS]
    if not _prepares(db):
        yield
        return
    db.ensure_connection()
    with db.wrap_database_errors, db.connection.pipeline():  # the results' errors arrive at the exit
        yield


def plan_once(sender, connection, **kwargs):
    """connection_created receiver: PostgreSQL plans our prepared statements once (generic plans).

    They look rows up by key, so the generic plan is the right one; left to choose, PostgreSQL
    re-planned the device's "scans since" count on every scan (1 ms of CPU each). A SET, not a
    startup option, so connection poolers that refuse unknown startup options still connect.
    """
    if _prepares(connection):
        with connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_generic_plan")


class Columns:
    """The model fields a hand-written statement reads or writes, in order.

    `select("t")` lists them for a SELECT from table alias t; `read(row)` gives their values as the ORM
    would, with the same converters (SQLite returns datetimes as text and booleans as integers);
    `write(values)` prepares INSERT parameters as save() would; `instance(model, values)` builds the
    model instance from them.
    """

    def __init__(self, *fields):
        self.fields = fields
        self.attnames = [field.attname for field in fields]
        self._converting = {}  # database vendor → [(index, field, column)] of the fields that convert

    @classmethod
    def of(cls, model, *names):
        return cls(*(model._meta.get_field(name) for name in names))

    def __add__(self, other):
        return Columns(*self.fields, *other.fields)

    def __getitem__(self, index):
        return Columns(*self.fields[index])

    def __len__(self):
        return len(self.fields)

    def select(self, alias):
        return ", ".join(f"{alias}.{field.column}" for field in self.fields)

    def names(self):
        return ", ".join(field.column for field in self.fields)

    def read(self, row):
        db = connections[DEFAULT_DB_ALIAS]
        converting = self._converting.get(db.vendor)
        if converting is None:
            converting = []
            for index, field in enumerate(self.fields):
                column = field.get_col(field.model._meta.db_table)
                if self._converters(field, column, db):
                    converting.append((index, field, column))
            self._converting[db.vendor] = converting  # whole, for threads reading it meanwhile
        if not converting:
            return row
        values = list(row)
        for index, field, column in converting:
            for convert in self._converters(field, column, db):
                values[index] = convert(values[index], column, db)
        return values

    def write(self, values):
        db = connections[DEFAULT_DB_ALIAS]
        return [field.get_db_prep_save(value, db) for field, value in zip(self.fields, values, strict=True)]

    def instance(self, model, values):
        return model.from_db(None, self.attnames, values)

    @staticmethod
    def _converters(field, column, db):
        # Looked up per read: they are bound to this connection's operations.
        return db.ops.get_db_converters(column) + field.get_db_converters(db)
