"""Retention: anonymise what has been kept long enough (PRIVACY_RETAIN_* settings), keeping the counts
that reports and open data need. `manage.py apply_retention` and the daily beat task run it.

Every place of personal data registered in `core.personal_data` says which of its rows have expired;
rows already emptied are never expired again, so a second run does nothing. Two runs at once: the
second finds the first holding the lock and stops (one audit entry, nothing done twice).
"""

from django.db import connection, transaction
from django.utils import timezone

from core import personal_data as registry
from core.personal_data import ERASED_BY_RETENTION

from ..models import RetentionRun
from .common import audit

# pg_try_advisory_xact_lock's key: any fixed number no other lock in the project uses ("DDDR").
RETENTION_LOCK = 0x44444452


class RetentionBusy(Exception):
    """Another retention run holds the lock."""


def _take_lock():
    if connection.vendor != "postgresql":
        return True  # SQLite runs one writing transaction at a time (IMMEDIATE): the run is serial.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [RETENTION_LOCK])
        return cursor.fetchone()[0]


def apply_retention(now=None, dry_run=False, user=None) -> dict:
    """Anonymise every expired row; returns the number per place (what would be, with `dry_run`).

    Raises RetentionBusy when another run is under way.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if not _take_lock():
            raise RetentionBusy
        counts = {}
        for holder in registry.holders():
            expired = holder.expired(now)
            counts[holder.section] = (
                expired.count() if dry_run else holder.apply(expired, now, ERASED_BY_RETENTION)
            )
        if not dry_run:
            run = RetentionRun.objects.create(started_at=now, counts=counts)
            audit(run, "registration.retention_applied", user, counts=counts)
    return counts
