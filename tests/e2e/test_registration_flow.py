"""A person registers for a free ticket with a workshop, confirms the e-mail, sees the QR ticket, cancels."""

import re
from datetime import timedelta

import pytest
import zxingcpp
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from registration.models import Order, OrderStatus
from tests.e2e.conftest import axe_violations
from tests.factories.events import EventPageFactory, SessionFactory
from tests.factories.registration import TicketTypeFactory


@pytest.mark.django_db(transaction=True)
def test_free_registration_with_workshop_in_a_browser(live_server, page, site_pages, tmp_path):
    event = EventPageFactory(title="Ngày Chuyển đổi số Đà Nẵng", slug="ngay-cds")
    TicketTypeFactory(event=event, name_vi="Vé tham dự tự do", capacity=50)
    start = event.starts_at + timedelta(hours=2)
    SessionFactory(
        event=event,
        title_vi="Hội thảo dữ liệu mở",
        session_type="workshop",
        requires_signup=True,
        capacity=20,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )

    page.goto(f"{live_server.url}/vi/register/{event.pk}/")
    assert axe_violations(page) == []
    page.get_by_label("Số vé").fill("1")
    page.get_by_role("button", name="Tiếp tục").click()

    page.wait_for_url("**/details/**")
    assert axe_violations(page) == []
    page.get_by_label("E-mail liên hệ").fill("lan@example.com")
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Lan")
    page.get_by_label("Điện thoại").fill("0905 123 456")
    page.get_by_label("Hội thảo dữ liệu mở").check()
    page.get_by_role("button", name="Đăng ký").click()
    # Without consent: a clear message, nothing saved.
    expect(page.get_by_text("Vui lòng đồng ý cho xử lý dữ liệu cá nhân để đăng ký.").first).to_be_visible()
    assert not Order.objects.exists()
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Đăng ký").click()

    page.wait_for_url("**/check-email/")
    assert axe_violations(page) == []
    link = re.search(r"https?://\S+/registration/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link.replace("http://testserver", live_server.url))
    assert Order.objects.get().status == OrderStatus.CONFIRMED
    assert axe_violations(page) == []

    page.get_by_role("link", name="Xem vé (mã QR)").click()
    assert axe_violations(page) == []
    shot = tmp_path / "qr.png"
    page.locator("figure.qr").screenshot(path=str(shot))
    ticket = Order.objects.get().tickets.get()
    assert zxingcpp.read_barcodes(Image.open(shot))[0].text == ticket.secret

    page.get_by_role("link", name="Đăng ký của tôi").click()
    page.get_by_role("button", name="Hủy đăng ký").click()
    expect(page.get_by_text("Đăng ký của bạn đã được hủy.").first).to_be_visible()
    assert Order.objects.get().status == OrderStatus.CANCELLED
