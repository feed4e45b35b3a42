"""Public pages: application form, catalogue (filters, search, pagination), product and company pages, CSV."""

import csv
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from exhibitors.models import ApplicationStatus, Exhibitor, ExhibitorApplication
from tests.factories.exhibitors import (
    ApplicationFactory,
    BoothFactory,
    ExhibitorFactory,
    ProductFactory,
    ProductImageFactory,
    valid_tax_code,
)
from tests.factories.images import png_bytes
from tests.html import description, unresolved_references

# Every page here lives under the site's home pages.
pytestmark = pytest.mark.usefixtures("site_pages")


def form_data(package, **overrides):
    data = {
        "package": package.pk,
        "company_name": "Công ty TNHH Hải Vân Số",
        "tax_code": valid_tax_code(9001),
        "sector": "tourism",
        "address": "45 Bạch Đằng, Hải Châu, Đà Nẵng",
        "website": "https://haivan.example.com",
        "description_vi": "Nền tảng đặt tour cho du khách.",
        "description_en": "A tour-booking platform.",
        "planned_products": "Ứng dụng đặt tour",
        "is_make_in_danang": "on",
        "contact_name": "Huỳnh Gia Bảo",
        "contact_email": "bao@haivan.example.com",
        "contact_phone": "0905 123 456",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_apply_creates_application_with_reference(client, package, django_capture_on_commit_callbacks):
    logo = SimpleUploadedFile("logo.png", png_bytes(), "image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/vi/exhibitors/apply/", {**form_data(package), "logo": logo})
    assert response.status_code == 302, response.content.decode()[:2000]
    application = ExhibitorApplication.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.contact_phone == "+84905123456"
    assert application.exhibitor.logo is not None
    page = client.get(response["Location"])
    assert application.reference in page.content.decode()
    assert len(mail.outbox) == 1


def test_apply_form_explains_errors(client, package):
    fake_logo = SimpleUploadedFile("logo.png", b"just text, not a picture", "image/png")
    response = client.post(
        "/en/exhibitors/apply/",
        {**form_data(package, tax_code="0100109107", contact_phone="12345", consent=""), "logo": fake_logo},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "check digit is wrong" in body
    assert "phone number" in body
    assert "not an image we can read" in body
    assert "consent" in body
    assert "check digit is wrong" in description(body, "id_tax_code") and unresolved_references(body) == []
    assert not ExhibitorApplication.objects.exists()


def test_apply_form_in_vietnamese(client, package):
    response = client.get("/vi/exhibitors/apply/")
    assert response.status_code == 200
    assert "Mã số thuế" in response.content.decode()


def test_catalogue_filters_without_javascript(client):
    verified = ProductFactory(
        name_vi="Hệ thống quản lý tàu cá", sector="agritech", is_verified_make_in_danang=True
    )
    ProductFactory(name_vi="Ví điện tử chợ Hàn", sector="fintech")
    ProductFactory(name_vi="Bản nháp bí mật", status="draft")
    response = client.get("/vi/catalogue/", {"sector": "agritech", "verified": "on"})
    body = response.content.decode()
    assert verified.name_vi in body
    assert "Ví điện tử chợ Hàn" not in body
    assert "Bản nháp bí mật" not in client.get("/vi/catalogue/").content.decode()


@pytest.mark.parametrize("query", ["tau ca", "TÀU CÁ", "tàu cá", "ta\u0300u ca\u0301", "fishing"])
def test_catalogue_search_is_accent_insensitive_in_both_languages(client, query):
    ProductFactory(name_vi="Hệ thống quản lý tàu cá", name_en="Fishing fleet management")
    ProductFactory(name_vi="Ví điện tử", name_en="E-wallet")
    body = client.get("/en/catalogue/", {"q": query}).content.decode()
    assert "Fishing fleet management" in body
    assert "E-wallet" not in body


def test_catalogue_event_award_and_exhibitor_filters(client, event, package):
    at_event = ProductFactory(awards="Sao Khuê 2025")
    ApplicationFactory(exhibitor=at_event.exhibitor, package=package, status=ApplicationStatus.CONFIRMED)
    elsewhere = ProductFactory()
    body = client.get("/vi/catalogue/", {"event": event.pk}).content.decode()
    assert at_event.name_vi in body and elsewhere.name_vi not in body
    body = client.get("/vi/catalogue/", {"award": "on"}).content.decode()
    assert at_event.name_vi in body and elsewhere.name_vi not in body
    body = client.get("/vi/catalogue/", {"exhibitor": elsewhere.exhibitor.slug}).content.decode()
    assert elsewhere.name_vi in body and at_event.name_vi not in body


def test_catalogue_paginates(client):
    exhibitor = ExhibitorFactory()
    ProductFactory.create_batch(30, exhibitor=exhibitor)
    first = client.get("/vi/catalogue/").content.decode()
    assert "page=2" in first
    second = client.get("/vi/catalogue/", {"page": 2})
    assert second.status_code == 200
    assert client.get("/vi/catalogue/", {"page": "abc"}).status_code == 200


def test_catalogue_query_count_does_not_grow_with_products(count_queries, client):
    exhibitor = ExhibitorFactory()
    for _ in range(2):
        ProductImageFactory(product=ProductFactory(exhibitor=ExhibitorFactory()))
    small = count_queries(client, "/vi/catalogue/?q=giao+thong")
    for _ in range(4):
        ProductImageFactory(product=ProductFactory(exhibitor=exhibitor))
    large = count_queries(client, "/vi/catalogue/?q=giao+thong")
    assert small == large


def test_product_page_never_shows_unreviewed_text_and_escapes_html(client):
    product = ProductFactory(
        description_vi='<script>alert("x")</script><img src=x onerror=alert(1)> Mô tả',
        pending={"description_vi": "Văn bản chưa duyệt"},
        pending_status="submitted",
    )
    ProductImageFactory(product=product, alt_vi="Ảnh màn hình")
    BoothFactory(event=ApplicationFactory(exhibitor=product.exhibitor, status="confirmed").event)
    response = client.get(f"/vi/catalogue/{product.slug}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in body
    assert "<img src=x" not in body
    assert "&lt;script&gt;" in body
    assert "Văn bản chưa duyệt" not in body
    assert 'alt="Ảnh màn hình"' in body


def test_draft_product_and_private_exhibitor_are_404(client):
    assert client.get(f"/vi/catalogue/{ProductFactory(status='draft').slug}/").status_code == 404
    hidden = ExhibitorFactory(is_public=False)
    assert client.get(f"/vi/exhibitors/{hidden.slug}/").status_code == 404
    assert hidden.name not in client.get("/vi/exhibitors/").content.decode()


def test_exhibitor_page_lists_products_and_booth(client, event, package, booth):
    product = ProductFactory()
    ApplicationFactory(exhibitor=product.exhibitor, package=package, status="confirmed", booth=booth)
    body = client.get(f"/en/exhibitors/{product.exhibitor.slug}/").content.decode()
    assert product.name_en in body
    assert "booth A01" in body


def test_directory_search_accent_insensitive(client):
    ExhibitorFactory(name="Công ty Điện toán Đám mây Sơn Trà")
    ExhibitorFactory(name="Other Co")
    body = client.get("/vi/exhibitors/", {"q": "dien toan son tra"}).content.decode()
    assert "Sơn Trà" in body and "Other Co" not in body


def test_catalogue_csv_has_published_products_only_and_no_formulas(client):
    ProductFactory(name_vi='=HYPERLINK("http://evil")', name_en="")
    ProductFactory(status="submitted", name_vi="Chưa duyệt")
    response = client.get("/vi/catalogue/make-in-danang.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[0][2] == "Loại sản phẩm"  # the product category, not an attendee category ("Đối tượng")
    assert rows[1][0].startswith("'=")
    assert rows[1][-1].startswith("http://testserver/vi/catalogue/")


def test_exhibitor_model_slug_unique(db):
    ExhibitorFactory(slug="abc")
    assert Exhibitor.objects.filter(slug="abc").count() == 1
