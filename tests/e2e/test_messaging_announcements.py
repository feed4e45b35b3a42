"""An organiser writes, previews and sends an announcement in the admin; the progress page follows the
sending by itself; every page is axe-clean."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from messaging import services
from messaging.models import Announcement
from tests.e2e.conftest import axe_violations, log_in_to_admin
from tests.factories.events import EventPageFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory


@pytest.mark.django_db(transaction=True)
def test_write_preview_send_and_watch_an_announcement(
    live_server, page, site_pages, settings, django_user_model
):
    event = EventPageFactory(title="Ngày Chuyển đổi số Đà Nẵng 2026")
    ticket_type = TicketTypeFactory(event=event)
    TicketFactory.create_batch(2, ticket_type=ticket_type)
    django_user_model.objects.create_superuser("admin", "admin@example.com", "mat-khau-quan-tri")
    log_in_to_admin(page, live_server.url, "admin", "mat-khau-quan-tri")

    page.goto(f"{live_server.url}/admin/messaging/announcements/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Soạn thông báo").click()
    page.fill("#id_subject_vi", "Đổi cổng vào")
    page.fill("#id_body_vi", "Xin vào bằng cổng số 2.")
    page.fill("#id_subject_en", "Change of entrance")
    page.fill("#id_body_en", "Please use gate 2.")
    page.select_option("#id_audience", "event")
    page.get_by_role("button", name="Lưu và xem trước").click()
    page.get_by_text("Chọn sự kiện có người tham dự sẽ nhận thông báo.").wait_for()
    assert axe_violations(page) == []

    page.select_option("#id_event", str(event.pk))
    page.get_by_role("button", name="Lưu và xem trước").click()
    page.get_by_text("2 người nhận").first.wait_for()
    assert axe_violations(page) == []

    # The mail server is down when the organiser sends: the page says so and keeps the rest waiting.
    settings.EMAIL_BACKEND = "tests.messaging.backends.DownBackend"
    page.get_by_role("button", name="Gửi cho 2 người nhận").click()
    status = page.locator("[data-progress-text]")
    status.wait_for()
    assert "Đã gửi 0 trên 2." in status.inner_text()
    expect(page.get_by_text("Máy chủ thư không phản hồi")).to_be_visible()
    assert axe_violations(page) == []

    # A worker sends the batch once the server is back; the page updates itself, without a reload.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.send_batch(Announcement.objects.get().pk)
    page.wait_for_function(
        "document.querySelector('[data-progress-text]').textContent.includes('Đã gửi xong.')", timeout=15000
    )
    assert (
        page.locator("progress").get_attribute("value") == "2"
        or page.evaluate("document.querySelector('progress').value") == 2
    )
    assert len(mail.outbox) == 2
    assert axe_violations(page) == []
