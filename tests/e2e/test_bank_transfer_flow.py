"""Paying by bank transfer in a browser: choose it, see the VietQR code, a signed notification arrives,
the page turns to "paid" by itself and the tickets are e-mailed; then the organiser's matching queue."""

import io
import json
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from core import vietqr
from registration import services, tokens
from registration.bank_formats import IncomingTransfer
from registration.models import BankAccount, Order, OrderStatus, SentEmail
from registration.services import receive_transfer
from registration.services.bank_webhook import sign
from tests.e2e.conftest import axe_violations, log_in_to_admin
from tests.factories.events import EventPageFactory
from tests.factories.registration import TicketTypeFactory
from tests.registration.conftest import attendee

SECRET = "e2e-bank-secret"


@pytest.mark.django_db(transaction=True)
def test_pay_by_bank_transfer_in_a_browser(live_server, page, site_pages, settings, django_user_model):
    settings.BANK_WEBHOOK_SECRET = SECRET
    event = EventPageFactory(title="Ngày Chuyển đổi số Đà Nẵng", slug="ngay-cds")
    TicketTypeFactory(event=event, name_vi="Vé hội thảo", price=500_000, capacity=50)
    BankAccount.objects.create(
        bank_bin="970436", account_number="0071000123456", account_name="SO TTTT DA NANG"
    )

    page.goto(f"{live_server.url}/vi/register/{event.pk}/")
    page.get_by_label("Số vé").fill("1")
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_url("**/details/**")
    page.get_by_label("E-mail liên hệ").fill("lan@example.com")
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Lan")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Tiếp tục thanh toán").click()

    page.wait_for_url("**/pay/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Thanh toán bằng chuyển khoản").click()
    page.wait_for_url("**/pay/bank/")
    assert axe_violations(page) == []
    order = Order.objects.get()
    note = f"DTD {order.reference}"
    assert page.locator("#copy-note").inner_text() == note
    assert "500.000" in page.locator("#amount-display").inner_text()
    # The QR code as the screen shows it, read by a decoder: the payment a banking app will fill in.
    image = Image.open(io.BytesIO(page.locator("figure.bank-qr").screenshot()))
    parsed = vietqr.parse(zxingcpp.read_barcodes(image)[0].text)
    assert (parsed.account, parsed.amount, parsed.purpose) == ("0071000123456", 500_000, note)
    assert SentEmail.objects.filter(order=order, kind="pay_by_bank").exists()

    # The bank's notification, signed, as a notification service posts it.
    body = json.dumps(
        {
            "transaction_id": "FT26335123456789",
            "amount": 500_000,
            "content": f"NGUYEN THI LAN chuyen tien dtd{order.reference.lower()}",
            "account_number": "0071000123456",
            "transferred_at": timezone.now().isoformat(),
        }
    ).encode()
    request = urllib.request.Request(
        f"{live_server.url}/payments/bank/webhook/",
        data=body,
        headers={"Content-Type": "application/json", "X-Signature": sign(body, SECRET)},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert json.load(response)["matched"] is True

    # No reload: the page asks by itself and turns to "paid".
    paid = page.locator("#payment-paid")
    paid.wait_for(state="visible", timeout=15_000)
    assert "Đã nhận thanh toán" in paid.inner_text()
    assert page.locator("#payment-waiting").is_hidden()
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    assert SentEmail.objects.filter(order=order, kind="confirmation").count() == 1
    assert any(order.reference in m.body and m.to == ["lan@example.com"] for m in mail.outbox)
    assert axe_violations(page) == []

    # The organiser's matching queue, with one transfer whose note lost the reference.
    receive_transfer(
        IncomingTransfer("STMT-77", 500_000, "chuyen khoan ve", "", timezone.now()),
        source="statement:camt053",
    )
    django_user_model.objects.create_superuser("admin", "admin@example.com", "mat-khau-quan-tri")
    log_in_to_admin(page, live_server.url, "admin", "mat-khau-quan-tri")
    page.goto(f"{live_server.url}/admin/registration/bank/")
    expect(page.get_by_text("chuyen khoan ve")).to_be_visible()
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_a_tap_on_the_qr_code_offers_the_banking_apps_on_a_phone(live_server, browser, site_pages):
    event = EventPageFactory(title="Ngày Chuyển đổi số Đà Nẵng", slug="ngay-cds-phone")
    ticket_type = TicketTypeFactory(event=event, name_vi="Vé hội thảo", price=500_000, capacity=50)
    BankAccount.objects.create(bank_bin="970422", account_number="0905123456", account_name="SO TTTT DA NANG")
    order = services.place_order(
        event=event,
        email="lan@example.com",
        attendees=[attendee(ticket_type, name="Nguyễn Thị Lan", email="lan@example.com")],
        consent=True,
    )
    services.choose_bank_transfer(order)
    phone = browser.new_page(
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    phone.goto(live_server.url + reverse("registration:pay_bank", args=[tokens.manage_token(order)]))
    apps = phone.locator("#bank-apps")
    assert apps.get_attribute("open") is None
    assert phone.get_by_role("link", name="MB Bank").is_hidden()
    phone.get_by_role("link", name="Mã VietQR của khoản chuyển khoản: mở ứng dụng ngân hàng").tap()
    mb = phone.get_by_role("link", name="MB Bank")
    mb.wait_for(state="visible")
    assert apps.get_attribute("open") is not None
    assert phone.evaluate("document.activeElement.dataset.app") == "vcb"  # the first app has the focus
    link = urlsplit(mb.get_attribute("href"))
    query = parse_qs(link.query)
    assert (link.netloc, query["app"], query["ba"]) == ("dl.vietqr.io", ["mb"], ["0905123456@mb"])
    assert query["am"] == ["500000"] and query["tn"] == [f"DTD {order.reference}"]
    assert axe_violations(phone) == []
    # A copy button puts its detail on the clipboard, to paste in an app that does not fill it in.
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    phone.get_by_role("button", name="Sao chép nội dung chuyển khoản").click()
    assert phone.evaluate("navigator.clipboard.readText()") == f"DTD {order.reference}"
    phone.close()
