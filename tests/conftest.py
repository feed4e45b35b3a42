"""Fixtures shared by every test module; each app's own live in tests/<app>/conftest.py."""

import os
from pathlib import Path

import pytest
from django.core.cache import cache

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _isolated_cache_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


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
    templates = Path(__file__).resolve().parent.parent / "bench" / "templates"
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], templates]}]
    settings.ROOT_URLCONF = "bench.urls"


@pytest.fixture
def is_postgres():
    from django.db import connection

    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need truly parallel connections: skip them on SQLite and say why."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL (set DATABASE_URL=postgres://…); SQLite serialises writers"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
