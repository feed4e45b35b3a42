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
else:
    # The test database is thrown away: a commit need not wait for the disk (about 12 ms per commit on a
    # shared machine), which migrations at its creation and the transactional tests do hundreds of times.
    # Only durability after an operating-system crash is lost; visibility and locking are unchanged.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405

if REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER"):  # noqa: F405
    # The suite empties the cache (FLUSHDB) around every test and the bench test flushes its Redis
    # database: each xdist worker gets its own, the given one plus the worker's number (gw0, gw1...).
    from urllib.parse import urlsplit

    _url = urlsplit(REDIS_URL)  # noqa: F405
    _db = int(_url.path.strip("/") or 0) + int(os.environ["PYTEST_XDIST_WORKER"].removeprefix("gw"))
    REDIS_URL = _url._replace(path=f"/{_db}").geturl()
    CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
