"""The organisers' report in a real Chromium: the charts and tables render, the page is axe-clean, and a
table downloads as CSV."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, log_in_to_admin
from tests.factories.checkin import CheckInFactory, CheckInListFactory
from tests.factories.events import EventPageFactory, SessionFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory


@pytest.mark.django_db(transaction=True)
def test_the_report_page_is_axe_clean_and_downloads_a_table(live_server, page, site_pages, django_user_model):
    event = EventPageFactory(title="Ngày Chuyển đổi số Đà Nẵng 2026")
    ticket_type = TicketTypeFactory(event=event)
    people = TicketFactory.create_batch(6, ticket_type=ticket_type, category="citizen")
    door = CheckInListFactory(event=event, session=SessionFactory(event=event, title_vi="Chính quyền số"))
    for ticket in people[:4]:
        CheckInFactory(checkin_list=door, ticket=ticket)
    django_user_model.objects.create_superuser("admin", "admin@example.com", "mat-khau-quan-tri")
    log_in_to_admin(page, live_server.url, "admin", "mat-khau-quan-tri")

    page.goto(f"{live_server.url}/admin/statistics/")
    page.select_option("#report-event", str(event.pk))
    page.get_by_role("button", name="Hiển thị").click()
    page.get_by_role("heading", name="Báo cáo: Ngày Chuyển đổi số Đà Nẵng 2026").wait_for()
    expect(page.get_by_role("img", name="Lượt tham dự theo phiên, biểu đồ cột")).to_be_visible()
    expect(page.get_by_role("row", name="Chính quyền số 4")).to_be_visible()
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"Tải CSV\W+Thành phần người tham dự")).click()
    content = open(download.value.path(), encoding="utf-8").read()
    assert "citizen,Người dân,6" in content
