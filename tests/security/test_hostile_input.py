"""Hostile input across the site: script payloads stored in every user-writable text we can reach,
SQL-ish and very long search strings, Unicode edge cases, and files that lie about what they are."""

import re
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from exhibitors.models import Product
from exhibitors.validators import check_image_upload
from registration.tokens import manage_token
from tests.factories.exhibitors import ExhibitorFactory, ProductFactory
from tests.factories.images import png_bytes
from tests.factories.registration import TicketFactory

pytestmark = pytest.mark.django_db

XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
RAW_MARKERS = ("<script>alert(1)", "<img src=x onerror")
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
SQLISH = [
    "' OR 1=1 --",
    "'; DROP TABLE exhibitors_product; --",
    '" UNION SELECT password FROM auth_user --',
    "%",
    "_",
    "\\",
]
LONG = "Đà Nẵng " * 2000  # 16,000 characters


def assert_escaped(html, where):
    for marker in RAW_MARKERS:
        assert marker not in html, f"unescaped payload on {where}"


def admin_pages_about(client, words):
    """The admin's listing pages whose URL mentions one of `words`, found in the admin's own menu (Wagtail
    renders the sidebar from JSON, so the URLs are read from the page text)."""
    html = client.get("/admin/").content.decode()
    urls = set(re.findall(r"/admin/[a-z0-9_/-]+/", html))
    return sorted(u for u in urls if any(w in u for w in words) and "/add/" not in u)


def assert_admin_listings_escape(admin_client, words):
    """Every admin listing about `words` opens for the superuser (no login redirect) with the payload
    escaped, and at least one of them shows the hostile record, as text."""
    pages = admin_pages_about(admin_client, words)
    assert pages, f"no admin listing about {words} found in the admin menu"
    shown = []
    for path in pages:
        response = admin_client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        html = response.content.decode()
        assert_escaped(html, path)
        if ESCAPED in html:
            shown.append(path)
    assert shown, f"none of {pages} shows the hostile record"


def test_exhibitor_and_product_text_is_escaped_on_public_pages_and_in_the_admin(site_pages, admin_client):

    exhibitor = ExhibitorFactory(name=f"Công ty {XSS}", description_vi=XSS, description_en=XSS, address=XSS)
    product = ProductFactory(exhibitor=exhibitor, name_vi=f"Sản phẩm {XSS}", name_en=XSS, description_vi=XSS)
    pages = [
        "/vi/catalogue/",
        "/en/catalogue/",
        f"/vi/catalogue/{product.slug}/",
        f"/en/catalogue/{product.slug}/",
        "/vi/exhibitors/",
        f"/vi/exhibitors/{exhibitor.slug}/",
        "/vi/catalogue/?q=alert",
    ]
    for path in pages:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert_escaped(response.content.decode(), path)
    # The API returns the text as data (JSON, never sniffed as HTML): escaping is the page's job.
    api = admin_client.get(f"/api/v1/products/{product.slug}/")
    assert api["Content-Type"] == "application/json" and api["X-Content-Type-Options"] == "nosniff"
    assert XSS in str(api.json())
    detail = admin_client.get(f"/vi/catalogue/{product.slug}/").content.decode()
    assert ESCAPED in detail  # shown as text, not dropped
    assert_admin_listings_escape(admin_client, ("exhibitor", "product"))


def test_attendee_name_is_escaped_on_the_ticket_pages_and_in_the_admin(site_pages, admin_client):

    ticket = TicketFactory(attendee_name=f"Nguyễn {XSS}", organisation=XSS, job_title=XSS)
    token = manage_token(ticket.order)
    for path in (f"/vi/registration/{token}/", f"/vi/registration/{token}/ticket/{ticket.pk}/"):
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert_escaped(response.content.decode(), path)
    assert_admin_listings_escape(admin_client, ("order", "attendee", "ticket"))


@pytest.mark.parametrize("query", [*SQLISH, LONG, "\x00", "🚀" * 50, "a\u200bb", "é"])
def test_search_boxes_take_any_string_without_a_500(site_pages, client, query):

    ProductFactory()
    for path in (
        "/vi/catalogue/",
        "/vi/exhibitors/",
        "/vi/search/",
        "/api/v1/products/",
        "/api/v1/exhibitors/",
    ):
        key = "search" if path.startswith("/api/") else "q"
        response = client.get(path, {key: query})
        assert response.status_code in (200, 400), (path, query[:20], response.status_code)
        if not path.startswith("/api/"):
            assert_escaped(response.content.decode(), path)


def test_vietnamese_in_nfd_or_nfc_emoji_and_zero_width_are_stored_and_found(site_pages, client):

    nfd_name = unicodedata.normalize("NFD", "Bản đồ số Hội An 🚀")
    product = ProductFactory(name_vi=nfd_name, description_vi="Giới\u200bthiệu có ký tự rộng 0")
    product.refresh_from_db()
    assert "🚀" in product.name_vi  # emoji stored (4-byte UTF-8) intact
    assert Product.objects.get(pk=product.pk).description_vi.count("\u200b") == 1

    # Found whichever form the visitor types: precomposed, decomposed, or without accents.
    for query in ("Hội An", unicodedata.normalize("NFD", "Hội An"), "hoi an", "BẢN ĐỒ"):
        html = client.get("/vi/catalogue/", {"q": query}).content.decode()
        assert product.slug in html, f"search for {query!r} did not find the product"
        api = client.get("/api/v1/products/", {"search": query}).json()
        assert product.slug in [item["slug"] for item in api["results"]], query


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("logo.png", b"<?php system($_GET['c']); ?>", "not_image"),
        ("logo.png", b"<html><script>alert(1)</script></html>", "not_image"),
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "not_image"),
        ("logo.jpg", b"MZ\x90\x00" + b"\x00" * 512, "not_image"),
        ("huge.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (6 * 1024 * 1024), "too_big"),
    ],
)
def test_uploads_that_lie_about_their_type_or_are_too_big_are_refused(name, content, code):

    with pytest.raises(ValidationError) as refused:
        check_image_upload(SimpleUploadedFile(name, content, content_type="image/png"))
    assert refused.value.code == code
    assert check_image_upload(SimpleUploadedFile("real.png", png_bytes(), content_type="image/png")) == "PNG"
