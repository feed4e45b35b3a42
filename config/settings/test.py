"""Test settings: the base settings with fast hashing, in-memory e-mail and no Redis unless asked."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

TEMP_DIR = Path(tempfile.gettempdir())

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
MEDIA_ROOT = env.path("TEST_MEDIA_ROOT", default=str(TEMP_DIR / "ddd-test-media"))
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
PAGE_CACHE_SECONDS = 0  # off for the suite; tests/project/test_page_cache.py turns it on
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's in-memory default: in-memory shared-cache SQLite refuses concurrent writers
    # at once ("table is locked") and ignores WAL and the busy timeout, so the tests that run parallel
    # scanners against the live server could not see what a laptop serving an event sees. One file
    # per process, so parallel test runs (and xdist workers) never share it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": env("TEST_SQLITE_PATH", default="") or str(TEMP_DIR / f"ddd-test-{os.getpid()}.sqlite3")
    }
