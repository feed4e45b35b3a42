"""Every public HTML page of the demo site, in both languages: valid HTML and accessible.

One crawl from the home pages (same host, no admin, no downloads), a few pages of each template; the
Nu HTML checker (npm `vnu-jar`, run once over all the saved pages) must report no error, every id that
an aria-describedby, aria-labelledby or label names must be on the page, and axe-core in Chromium must
find no serious or critical violation.
"""

import json
import re
import shutil
import subprocess
from collections import Counter
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from participation.models import Question
from tests.conftest import BASE_DIR
from tests.e2e.conftest import axe_violations
from tests.factories.content import ensure_root_page
from tests.html import parse, unresolved_references

JAVA = shutil.which("java")
VNU = BASE_DIR / "node_modules/vnu-jar/build/dist/vnu.jar"

pytestmark = pytest.mark.skipif(
    JAVA is None, reason="the Nu HTML checker needs Java 17+ (apt-get install default-jre-headless)"
)

# The templates a visitor meets; the crawl must reach each one in both languages, so that a page type
# left unlinked does not silently leave the check.
EXPECTED_TEMPLATES = {
    "content/home_page.html",
    "content/news_index_page.html",
    "content/article_page.html",
    "content/support_page.html",
    "content/search.html",
    "core/privacy_notice.html",
    "events/event_index_page.html",
    "events/event_page.html",
    "events/agenda_page.html",
    "events/session_page.html",
    "events/speaker_index.html",
    "events/speaker_page.html",
    "registration/register.html",
    "exhibitors/catalogue.html",
    "exhibitors/product_detail.html",
    "exhibitors/directory.html",
    "exhibitors/exhibitor_detail.html",
    "exhibitors/venue_map.html",
    "exhibitors/apply.html",
    "content/standard_page.html",
    "events/my_agenda.html",
    "participation/qa.html",
}


def start_urls(language):
    """The home page, and what only a form leads to: a search, and a session's questions page."""
    session = Question.objects.order_by("pk").first().session
    with translation.override(language):
        return [
            f"/{language}/",
            reverse("search") + "?" + urlencode({"q": "chuyển đổi số"}),
            reverse("participation:qa", args=[session.pk]),
        ]


DOWNLOADS = (".ics", ".pdf", ".png", ".csv", ".xlsx", ".json", ".xml", ".svg")


def shape(url):
    """Pages that differ only by a number, a query value or their last slug below a section are the
    same template: `/vi/tin-tuc/bai-1/?page=2` and `/vi/tin-tuc/bai-2/?page=3` are one shape, while
    `/vi/exhibitors/apply/` (a fixed word, not a slug) is its own."""
    parts = urlsplit(url)
    path = re.sub(r"\d+", "0", parts.path)
    if path.count("/") > 3:
        path = re.sub(r"/[^/]*[-0][^/]*(?=/$)", "/*", path)
    return path, tuple(sorted(key for key, _ in parse_qsl(parts.query, keep_blank_values=True)))


def html_pages(client, start, limit=300, per_shape=2):
    """{url: (templates, html)}: the public HTML pages reachable from `start`, a few per shape."""
    queue, seen, shapes, found = list(start), set(), Counter(), {}
    while queue and len(found) < limit:
        url = queue.pop(0)
        if url in seen or shapes[shape(url)] >= per_shape:
            continue
        seen.add(url)
        shapes[shape(url)] += 1
        response = client.get(url)
        assert response.status_code in (200, 301, 302), (url, response.status_code)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        found[url] = ({template.name for template in response.templates}, html)
        for href in parse(html).links:
            parts = urlsplit(urldefrag(href)[0])
            if parts.scheme or parts.netloc or not parts.path.startswith(("/vi/", "/en/")):
                continue
            if parts.path.endswith(DOWNLOADS):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def nu_errors(folder):
    """The Nu checker's errors over every .html file in `folder`, one line each."""
    assert VNU.exists(), "node_modules/vnu-jar is missing: run `make install`"
    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html", str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # vnu writes its JSON report to stderr (after any notice of the JVM's), and exits 1 on errors.
    start = result.stderr.find('{"')
    assert start >= 0, f"the Nu checker gave no report: {result.stderr or result.stdout}"
    messages = json.loads(result.stderr[start:])["messages"]
    return [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] == "error"
    ]


@pytest.mark.django_db(transaction=True)
def test_every_public_page_is_valid_html_and_accessible(live_server, page, tmp_path):
    ensure_root_page()  # a transactional test before this one may have emptied the page tree
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    pages = html_pages(Client(), start=start_urls("vi") + start_urls("en"))

    for language in ("vi", "en"):
        reached = set().union(
            *(templates for url, (templates, _) in pages.items() if url.startswith(f"/{language}/"))
        )
        assert EXPECTED_TEMPLATES <= reached, (language, sorted(EXPECTED_TEMPLATES - reached))

    folder = tmp_path / "pages"
    folder.mkdir()
    names = {}
    for number, (path, (_, html)) in enumerate(sorted(pages.items())):
        name = f"{number:03d}.html"
        names[name] = path
        (folder / name).write_text(html)
    errors = [f"{names[line.split(':', 1)[0]]} {line}" for line in nu_errors(folder)]
    assert errors == [], "\n".join(errors)
    # The Nu checker lets an aria-describedby name a missing id, and axe only lists it for review.
    unresolved = {path: found for path, (_, html) in pages.items() if (found := unresolved_references(html))}
    assert unresolved == {}

    failures = {}
    for path in sorted(pages):
        page.goto(f"{live_server.url}{path}")
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    assert failures == {}
