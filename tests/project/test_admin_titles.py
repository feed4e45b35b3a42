"""Every admin page the project adds has a title (the browser tab and history do not say just
" - Wagtail"), and every id its aria attributes and labels name is on the page (a field's help or
error that a screen reader never reads with it is invisible to the Nu checker and to axe)."""

import re
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse
from wagtail import hooks

from tests.html import parse, unresolved_references

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("checkin", "content", "core", "events", "exhibitors", "participation", "registration")


def project_view(path):
    try:
        func = resolve(path).func
    except Resolver404:
        return False
    module = getattr(func, "view_class", func).__module__
    return module.split(".")[0] in PROJECT_APPS


def test_every_admin_page_of_the_project_has_a_title_and_names_no_missing_id(admin_client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # The project's admin pages linked from the admin's own listings, and those linked from them.
    queue = [reverse("wagtailadmin_home")]
    for register in hooks.get_hooks("register_admin_urls"):
        if register.__module__.split(".")[0] in PROJECT_APPS:
            queue += _no_argument_urls(register())
    seen, untitled, unresolved, checked = set(), {}, {}, 0
    while queue and checked < 120:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = admin_client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        if project_view(path):
            checked += 1
            title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1)).strip()
            if title.startswith("-") or not title.rsplit(" - ", 1)[0].strip():
                untitled[path] = title
            if found := unresolved_references(html):
                unresolved[path] = found
        for href in parse(html).links:
            link = urlsplit(urldefrag(href)[0])
            if not link.scheme and link.path.startswith("/admin/") and project_view(link.path):
                queue.append(link.path)
    assert checked >= 10, checked
    assert untitled == {}
    assert unresolved == {}


def _no_argument_urls(patterns, prefix="/admin/"):
    urls = []
    for pattern in patterns:
        route = str(pattern.pattern)
        if "<" in route or "(?P" in route or route.endswith((".csv", ".json", ".svg")):
            continue
        if hasattr(pattern, "url_patterns"):
            urls += _no_argument_urls(pattern.url_patterns, prefix + route)
        else:
            urls.append(prefix + route)
    return urls
