"""Following a support request in a real browser: the reference after sending, the status page with a
wrong and a right e-mail, the organisers' reply; every page axe-clean."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations


@pytest.mark.django_db(transaction=True)
def test_a_person_follows_their_request_with_its_reference(live_server, page, django_user_model):
    from content import services
    from content.models import SupportRequest
    from tests.factories.content import SupportPageFactory, contact_settings, make_home_pages, translate

    home, _home_en = make_home_pages()
    support = SupportPageFactory(parent=home)
    translate(support, title="Support", slug="support")
    contact_settings()

    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"{live_server.url}/vi/ho-tro/")
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("E-mail hoặc số điện thoại").fill("hoa@example.vn")
    page.get_by_label("Chủ đề").select_option("programme")
    page.get_by_label("Câu hỏi hoặc yêu cầu của bạn").fill("Hội thảo AI có phiên dịch tiếng Anh không?")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Gửi yêu cầu").click()
    page.wait_for_url("**/vi/ho-tro/?sent=HT-*")
    request = SupportRequest.objects.get()
    assert page.locator(".reference").inner_text() == request.reference
    assert axe_violations(page) == []

    page.get_by_role("link", name="Theo dõi yêu cầu hỗ trợ").click()
    page.wait_for_url("**/vi/support/status/")
    assert axe_violations(page) == []
    page.get_by_label("Mã tra cứu").fill(request.reference.lower())
    page.get_by_label("E-mail hoặc số điện thoại").fill("someone.else@example.vn")
    page.get_by_role("button", name="Xem trạng thái").click()
    assert page.get_by_role("alert").inner_text().startswith("Không tìm thấy yêu cầu")
    assert "Hội thảo AI" not in page.content()
    assert axe_violations(page) == []

    staff = django_user_model.objects.create_user("hotro", is_staff=True)
    services.assign_support_request(request.pk, staff, user=staff)
    services.reply_to_support_request(request.pk, "Có, hội thảo có phiên dịch tiếng Anh.", user=staff)
    page.get_by_label("E-mail hoặc số điện thoại").fill("HOA@example.vn")
    page.get_by_role("button", name="Xem trạng thái").click()
    expect(page.get_by_role("heading", name=f"Yêu cầu {request.reference}")).to_be_visible()
    assert page.locator(".status").inner_text() == "Đã trả lời"
    expect(page.get_by_text("Có, hội thảo có phiên dịch tiếng Anh.")).to_be_visible()
    assert "hoa@example.vn" not in page.content().lower()
    assert axe_violations(page) == []
