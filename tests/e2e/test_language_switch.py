"""The language switch keeps the visitor on the same page, on every kind of page of the demo site.

Each page is opened in Vietnamese, switched to English with the header's link, then back: the English
URL is the one computed here from the data (the event's translation, the same session, speaker,
product...), and the way back lands on the page the visitor started from, query string included.
"""

from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from events.models import EventPage, Session, Speaker
from exhibitors.models import Exhibitor, ExhibitorMember, Product
from tests.factories.content import ensure_root_page

PORTAL_PASSWORD = "trienlam-demo-2027"  # the demo's portal login (demo/data/exhibitors/companies.json)


def both(name, **kwargs):
    """(vi URL, en URL) of a view whose arguments are the same in both languages."""
    urls = []
    for language in ("vi", "en"):
        with translation.override(language):
            urls.append(reverse(name, kwargs=kwargs))
    return tuple(urls)


def pages_to_switch():
    """{kind: (vi URL, en URL)} for every kind of page a visitor switches language on."""
    event_vi = (
        EventPage.objects.live().filter(locale__language_code="vi", sessions__isnull=False).distinct().first()
    )
    event_en = event_vi.get_translation(Locale.objects.get(language_code="en"))
    session = Session.objects.filter(event=event_vi).order_by("starts_at", "pk").first()
    speaker = Speaker.objects.filter(session_links__session__event=event_vi).order_by("pk").first()
    product = Product.objects.published().order_by("pk").first()
    exhibitor = product.exhibitor
    day = session.starts_at.date().isoformat()
    urls = {
        "event": (event_vi.url, event_en.url),
        "agenda": (f"{event_vi.url}agenda/?day={day}", f"{event_en.url}agenda/?day={day}"),
        "session": (f"{event_vi.url}sessions/{session.slug}/", f"{event_en.url}sessions/{session.slug}/"),
        "speaker": both("events:speaker_detail", slug=speaker.slug),
        "catalogue": tuple(f"{url}?q=ai" for url in both("exhibitors:catalogue")),
        "product": both("exhibitors:product_detail", slug=product.slug),
        "exhibitor": both("exhibitors:exhibitor_detail", slug=exhibitor.slug),
        "directory": both("exhibitors:directory"),
        "apply": both("exhibitors:apply"),
        "search": tuple(f"{url}?q=khai+m%E1%BA%A1c" for url in both("search")),
        "privacy": both("privacy_notice"),
    }
    with translation.override("vi"):
        urls["registration"] = (reverse("registration:register", args=[event_vi.pk]), None)
    with translation.override("en"):
        urls["registration"] = (urls["registration"][0], reverse("registration:register", args=[event_en.pk]))
    member = ExhibitorMember.objects.select_related("exhibitor").order_by("pk").first()
    for kind, name in (
        ("portal", "exhibitors:portal_dashboard"),
        ("portal profile", "exhibitors:portal_profile"),
        ("portal products", "exhibitors:portal_product_new"),
        ("portal leads", "exhibitors:portal_leads"),
    ):
        urls[kind] = both(name, exhibitor_id=member.exhibitor.pk)
    return urls, member.user.username


def switch(page, to):
    """Follow the header's link to the language `to`; returns the URL reached, percent-decoded."""
    with page.expect_navigation():
        page.locator(f".language-switch a[hreflang={to}]").click()
    assert page.locator("html").get_attribute("lang") == to
    return unquote(page.url)


@pytest.mark.django_db(transaction=True)
def test_switching_language_stays_on_the_same_page_everywhere(live_server, page):
    ensure_root_page()  # a transactional test before this one may have emptied the page tree
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Exhibitor.objects.exists()
    urls, username = pages_to_switch()
    base = live_server.url

    page.goto(f"{base}{reverse('exhibitors:portal_login')}")
    page.fill("#id_username", username)
    page.fill("#id_password", PORTAL_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    moved = {}
    for kind, (vi, en) in urls.items():
        response = page.goto(f"{base}{vi}")
        assert response.status == 200, (kind, vi, response.status)
        reached = [switch(page, "en"), switch(page, "vi")]
        expected = [unquote(f"{base}{en}"), unquote(f"{base}{vi}")]
        if reached != expected:
            moved[kind] = {"expected": expected, "reached": reached}
    assert moved == {}
