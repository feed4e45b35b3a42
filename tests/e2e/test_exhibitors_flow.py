"""A company applies, an organiser approves it in the admin, the contact sets a password, adds a
product, the organiser approves the product, and it appears in the catalogue search. axe-core checks
the public and portal pages on the way."""

import re

import pytest

from tests.e2e.conftest import axe_violations, log_in_to_admin


def _invitation_path(outbox):
    for message in reversed(outbox):
        match = re.search(r"https?://[^/\s]+(/vi/exhibitor-portal/invitation/[^\s]+/)", message.body)
        if match:
            return match.group(1)
    raise AssertionError("no invitation e-mail")


def ensure_home_pages():
    """Home pages, also after an earlier transactional test flushed Wagtail's root page."""
    from wagtail.models import Locale, Page

    from tests.factories.content import make_home_pages

    if Page.get_first_root_node() is None:
        Locale.objects.get_or_create(language_code="vi")
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code="vi")))
    return make_home_pages()


@pytest.mark.django_db(transaction=True)
def test_apply_approve_portal_product_catalogue(live_server, page, mailoutbox):
    from django.contrib.auth import get_user_model

    from exhibitors.models import ExhibitorApplication, Product
    from tests.factories.events import EventPageFactory
    from tests.factories.exhibitors import BoothPackageFactory, valid_tax_code

    ensure_home_pages()
    event = EventPageFactory(title="Ngày Chuyển đổi số Đà Nẵng 2027")
    BoothPackageFactory(event=event, name_vi="Gian khởi nghiệp", price=0)
    get_user_model().objects.create_superuser("bantochuc", "btc@example.com", "mat-khau-ban-to-chuc-1")
    base = live_server.url

    # 1. The company applies (no JavaScript needed: a plain form).
    page.goto(f"{base}/vi/exhibitors/apply/")
    assert axe_violations(page) == []
    page.fill("#id_company_name", "Công ty TNHH Cá Ngừ Số")
    page.fill("#id_tax_code", valid_tax_code(31337))
    page.select_option("#id_sector", "agritech")
    page.fill("#id_address", "Âu thuyền Thọ Quang, Sơn Trà, Đà Nẵng")
    page.fill("#id_description_vi", "Phần mềm cho ngư dân.")
    page.fill("#id_planned_products", "Nhật ký khai thác điện tử")
    page.fill("#id_contact_name", "Võ Thị Biển")
    page.fill("#id_contact_email", "bien@canguso.example.com")
    page.fill("#id_contact_phone", "0905 111 222")
    page.check("#id_consent")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/exhibitors/apply/thanks/")
    application = ExhibitorApplication.objects.get()
    assert application.reference in page.inner_text("main")

    # 2. The organiser approves it from the admin's review queue.
    log_in_to_admin(page, base, "bantochuc", "mat-khau-ban-to-chuc-1")
    page.goto(f"{base}/admin/showcase/queue/")
    page.click(f"text={application.reference}")
    page.click("form:has(input[value=approve]) button[type=submit]")
    page.wait_for_selector(".messages")
    application.refresh_from_db()
    assert application.status == "confirmed"  # a free booth is confirmed on approval
    page.context.clear_cookies()

    # 3. The contact follows the invitation link and sets a password.
    page.goto(base + _invitation_path(mailoutbox))
    assert axe_violations(page) == []
    page.fill("#id_new_password1", "Ca-Ngu-So-2027!")
    page.fill("#id_new_password2", "Ca-Ngu-So-2027!")
    page.click("main form button[type=submit]")
    page.wait_for_selector("h1:has-text('Cá Ngừ Số')")
    assert axe_violations(page) == []

    # 4. They add a product and submit it for review.
    page.click(".portal-nav a[href$='/products/new/']")
    page.fill("#id_name_vi", "Nhật ký khai thác điện tử Thọ Quang")
    page.fill("#id_name_en", "Tho Quang electronic catch log")
    page.fill("#id_description_vi", "Ngư dân ghi sản lượng trên điện thoại.")
    page.select_option("#id_category", "mobile_app")
    page.select_option("#id_sector", "agritech")
    page.click("main form button[name=save]")
    page.wait_for_selector("button[name=submit]")
    assert axe_violations(page) == []
    page.click("main form button[name=submit]")
    page.wait_for_selector(".messages")
    product = Product.objects.get()
    assert product.status == "submitted"
    page.context.clear_cookies()

    # 5. The organiser approves the product.
    log_in_to_admin(page, base, "bantochuc", "mat-khau-ban-to-chuc-1")
    page.goto(f"{base}/admin/showcase/queue/")
    page.click("text=Nhật ký khai thác điện tử Thọ Quang")
    page.click("form:has(input[value=approve]) button[type=submit]")
    page.wait_for_selector(".messages")
    page.context.clear_cookies()

    # 6. A visitor finds it with an accent-free search, in English.
    page.goto(f"{base}/en/catalogue/?q=nhat+ky+tho+quang")
    page.click("text=Tho Quang electronic catch log")
    page.wait_for_url(f"**/en/catalogue/{product.slug}/")
    assert "Cá Ngừ Số" in page.inner_text("main")
    assert axe_violations(page) == []
    page.goto(f"{base}/vi/catalogue/")
    assert axe_violations(page) == []
    page.goto(f"{base}/vi/exhibitors/{product.exhibitor.slug}/")
    assert "Nhật ký khai thác điện tử Thọ Quang" in page.inner_text("main")
    assert axe_violations(page) == []
