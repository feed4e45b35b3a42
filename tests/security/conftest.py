"""Fixtures for the security tests: the demo site, crawled like a visitor would."""

import re
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

from tests.html import parse


# Pages that differ only by a slug or number are the same template: one of each is enough.
def shape(path):
    return re.sub(r"/[^/]+(?=/$)", "/*", re.sub(r"\d+", "0", path))


def crawl(client, start=("/vi/", "/en/"), limit=80, per_shape=2):
    """GET same-site public pages reachable from the home pages; returns {path: response}."""
    seen, shapes, queue, pages = set(), {}, list(start), {}
    while queue and len(pages) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        key = shape(path)
        if shapes.get(key, 0) >= per_shape:
            continue
        shapes[key] = shapes.get(key, 0) + 1
        response = client.get(path)
        pages[path] = response
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in parse(response.content.decode()).links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith(("/vi/", "/en/")):
                continue
            if any(parts.path.endswith(ext) for ext in (".ics", ".pdf", ".png", ".csv", ".xlsx")):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


@pytest.fixture
def demo_site(db):
    """The demo data of every app that has one, as `make run` shows it."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def public_pages(demo_site, client):
    pages = crawl(client)
    assert "/vi/" in pages and "/en/" in pages
    return pages


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # Each loads the whole demo, then fuzzes the API or crawls the site: the longest tests after the
    # bench's, so they are marked `long` to start first (see tests/conftest.py).
    long = {"test_api_answers_as_its_schema_says_and_never_5xx", "test_every_public_page_is_hardened"}
    for item in items:
        if item.nodeid.startswith("tests/security/") and item.originalname in long:
            item.add_marker(pytest.mark.long)
