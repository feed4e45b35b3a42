"""Production's settings with the unpaid-order expiry due every 2 seconds instead of every minute, so the
smoke test sees beat send a task that the worker runs (tests/deploy/test_smoke.py)."""

from config.settings.production import *  # noqa: F403
from config.settings.production import CELERY_BEAT_SCHEDULE

CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,
    "expire-unpaid-orders": {**CELERY_BEAT_SCHEDULE["expire-unpaid-orders"], "schedule": 2.0},
}
