"""Celery application: a broker when REDIS_URL (or CELERY_BROKER_URL) is set, otherwise tasks run inline."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("danang_digital_day")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
