"""Fixtures and helpers shared by every test module; each app's own live in tests/<app>/conftest.py.

Shared here: the home pages (`site_pages`), query counting (`count_queries`), truly parallel database
work (`run_parallel`), audit-log reading (`audit_actions`), and for tests that start real processes,
`free_port()`, `production_env()` and the PostgreSQL URLs (`postgres_server_url()`,
`current_database_url()`). pytest-django's `admin_user` / `admin_client` give a logged-in superuser;
images come from tests/factories/images.py.
"""

import os
import secrets
import socket
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BASE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _isolated_cache_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's first language: Django's LocaleMiddleware leaves the language of
    a test's last request (/en/…) active in the thread, and code run outside a request (a form, a
    service) would otherwise speak the previous test's language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def site_pages(db):
    """The vi home page as the default site's root, and its en translation."""
    from tests.factories.content import make_home_pages

    return make_home_pages()


@pytest.fixture
def bench_site(settings):
    """What bench/settings.py serves: its URLs (the site plus the baselines) and the bench app's templates.

    The templates folder is added rather than the app installed: installing an app in a running process
    runs every app's ready() again, which Wagtail's refuses."""
    engine = settings.TEMPLATES[0]
    templates = BASE_DIR / "bench" / "templates"
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], templates]}]
    settings.ROOT_URLCONF = "bench.urls"


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def count_queries():
    """`count_queries(client, url)`: the statements of one GET that must answer 200.

    A first GET warms what any running server has warmed (page paths, image renditions), and the cache
    is cleared around it so that the counted GET is not answered by the page cache.
    """

    def count(client, url):
        cache.clear()
        client.get(url)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return len(captured)

    return count


@pytest.fixture
def run_parallel():
    """`run_parallel(count, work)`: `work(index)` in `count` threads released together by a barrier, each
    on its own database connection; returns each result, or the exception it raised (for the test to
    inspect: a race's losers raise by design)."""

    def run(count, work):
        barrier = threading.Barrier(count)
        results = [None] * count

        def target(index):
            try:
                barrier.wait(timeout=30)
                results[index] = work(index)
            except Exception as error:  # noqa: BLE001 - every outcome is returned to the test
                results[index] = error
            finally:
                connection.close()

        threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads), "a parallel worker hangs"
        return results

    return run


@pytest.fixture
def audit_actions():
    """`audit_actions(obj)`: the actions of Wagtail's audit log about `obj`, oldest first."""
    from wagtail.models import ModelLogEntry

    def actions(obj):
        entries = ModelLogEntry.objects.for_instance(obj).order_by("pk")
        return list(entries.values_list("action", flat=True))

    return actions


def free_port():
    """A TCP port nothing listens on (yet)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_server_url(port=None):
    """`postgres://user[:password]@host:port` of the PostgreSQL server this test run uses; `port` instead
    of the server's own reaches it through something in front of it (a proxy)."""
    db = connection.settings_dict
    auth = db.get("USER") or "postgres"
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{port or db.get('PORT') or 5432}"


def current_database_url(port=None):
    """The URL of the database this test runs on (pytest-django's test database)."""
    return f"{postgres_server_url(port)}/{connection.settings_dict['NAME']}"


def production_env(**overrides):
    """The environment of a process that loads config.settings.production as a server would, without
    this test run's settings or database; `overrides` are added last."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "DATABASE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "SITE_URL": "http://127.0.0.1",
            "LOG_LEVEL": "ERROR",
            "EMAIL_URL": "consolemail://",
            "REDIS_URL": "",
            "PYTHONPATH": str(BASE_DIR),
        }
    )
    env.update(overrides)
    return env


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config, items):
    """Tests marked `long` (a minute or more) run first, so that with `-n 2` (`make test`) the other
    worker takes the short ones meanwhile instead of both waiting on a long one at the end. Not a
    transactional one: its flush empties the database (Wagtail's root page and collection too), so
    pytest-django runs those after the others, and so does each worker.

    Tests marked `postgres` need truly parallel connections: skip them on SQLite and say why."""
    from django.conf import settings

    items.sort(key=lambda item: item.get_closest_marker("long") is None or _transactional(item))
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL (set DATABASE_URL=postgres://…); SQLite serialises writers"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
