"""The lead case end to end in Chromium: an exhibitor scans a visitor who shared details, the visitor
erases their data from their registration link, the exhibitor's lead list and CSV no longer hold them."""

import csv
import io
import shutil

import pytest

from tests.e2e.conftest import FFMPEG, axe_violations, fake_camera_page, make_y4m
from tests.e2e.test_exhibitors_leads import ensure_home_pages


@pytest.mark.skipif(not shutil.os.path.exists(FFMPEG), reason="ffmpeg is not installed")
@pytest.mark.django_db(transaction=True)
def test_scan_then_erase_then_the_exhibitor_sees_no_details(live_server, browser_type, tmp_path):
    from django.core import mail

    from exhibitors.models import Lead
    from registration import services, tokens
    from registration.services import AttendeeData
    from tests.factories.exhibitors import ApplicationFactory, ExhibitorMemberFactory
    from tests.factories.registration import TicketTypeFactory

    ensure_home_pages()
    member = ExhibitorMemberFactory(user__username="gianhang@example.com", user__email="gianhang@example.com")
    application = ApplicationFactory(exhibitor=member.exhibitor, status="confirmed")
    ticket_type = TicketTypeFactory(event=application.event)
    order = services.place_order(
        event=application.event,
        email="giang@example.com",
        attendees=[
            AttendeeData(
                ticket_type=ticket_type,
                name="Phan Thanh Giản",
                email="giang@example.com",
                phone="+84905123456",
                organisation="Sở Công Thương",
                job_title="Phó Giám đốc",
                category="government",
                session_ids=[],
            )
        ],
        consent=True,
        share_with_exhibitors=True,
    )
    order = services.confirm_email(order)
    ticket = order.tickets.get()
    manage_url = f"{live_server.url}/vi/registration/{tokens.manage_token(order)}/"
    leads_url = f"{live_server.url}/vi/exhibitor-portal/{member.exhibitor_id}/leads/"

    with fake_camera_page(browser_type, make_y4m(ticket.secret, tmp_path)) as page:
        # 1. The exhibitor scans the visitor at the booth and writes a note.
        page.goto(f"{live_server.url}/vi/exhibitor-portal/login/")
        page.fill("#id_username", "gianhang@example.com")
        page.fill("#id_password", "mat-khau-an-toan-123")
        page.click("main form button[type=submit]")
        page.goto(f"{leads_url}scan/")
        page.click(".scan-start")
        result = page.wait_for_selector(".scan-ok", timeout=15_000)
        assert "Phan Thanh Giản" in result.inner_text()
        lead = Lead.objects.get(exhibitor=member.exhibitor)
        page.goto(f"{leads_url}{lead.pk}/")
        page.fill("#id_note", "Muốn hợp tác về thương mại điện tử")
        page.click("form:has(#id_note) button[type=submit]")
        assert "Phan Thanh Giản" in page.inner_text("main")

        # 2. The visitor opens their registration link, sees who received their details, and erases.
        visitor = page.context.browser.new_context(bypass_csp=True, locale="vi-VN").new_page()
        visitor.goto(manage_url)
        assert axe_violations(visitor) == []
        visitor.click("text=Xem toàn bộ dữ liệu chúng tôi lưu về bạn, và ai đã nhận")
        assert member.exhibitor.name in visitor.inner_text("#data-exhibitors")
        assert axe_violations(visitor) == []
        visitor.goto(manage_url)
        visitor.check("#confirm-delete")
        visitor.click("form:has(#confirm-delete) button[type=submit]")
        visitor.wait_for_selector("text=Dữ liệu cá nhân của bạn đã được xóa")

        # 3. The exhibitor's list and CSV: a visitor who did not share details, told why, no note.
        page.goto(leads_url)
        main = page.inner_text("main")
        assert (
            "Phan Thanh Giản" not in main
            and "Sở Công Thương" not in main
            and "thương mại điện tử" not in main
        )
        assert "Khách tham quan không chia sẻ thông tin" in main
        assert "yêu cầu xóa dữ liệu cá nhân" in main
        assert axe_violations(page) == []
        with page.expect_download() as download:
            page.click("text=Xuất CSV")
        rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
        assert len(rows) == 2
        assert rows[1][1] == "Khách tham quan không chia sẻ thông tin" and rows[1][2:5] == ["", "", ""]
        assert rows[1][6] == ""
        # The exhibitor was also told by e-mail, without who.
        told = [m for m in mail.outbox if member.exhibitor.contact_email in m.to]
        assert told and "Phan Thanh Giản" not in told[0].body


@pytest.mark.django_db(transaction=True)
def test_the_privacy_notice_in_both_languages_from_the_footer(live_server, page):
    from tests.factories.content import contact_settings

    ensure_home_pages()
    contact_settings()
    page.goto(f"{live_server.url}/vi/")
    page.click("footer >> text=Thông báo bảo vệ dữ liệu cá nhân")
    page.wait_for_url("**/vi/privacy/")
    assert "12 tháng sau khi sự kiện kết thúc" in page.inner_text("main")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/en/privacy/")
    assert "within 72 hours" in page.inner_text("main")
    assert axe_violations(page) == []
