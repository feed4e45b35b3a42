"""The scanner with a keyboard-wedge scanner and manual search; axe-core on the scanner and the dashboard."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, log_in_to_admin
from tests.e2e.test_checkin_camera import log_in_and_choose_gate, scanner_user_and_ticket


@pytest.mark.django_db(transaction=True)
def test_wedge_scan_manual_search_and_accessibility(live_server, page):
    from checkin.models import CheckIn
    from tests.factories.registration import TicketFactory

    ticket, checkin_list = scanner_user_and_ticket()
    other = TicketFactory(
        ticket_type=ticket.ticket_type, attendee_name="Trần Văn Bình", organisation="FPT Đà Nẵng"
    )
    log_in_and_choose_gate(page, live_server.url, checkin_list)
    assert axe_violations(page) == []
    # Nothing to undo yet: the undo button takes no place on the page.
    expect(page.locator("[data-undo]")).to_be_hidden()

    # A USB scanner types the code and Enter into the focused field.
    assert page.evaluate("document.activeElement.id") == "scan-code"
    page.keyboard.type(ticket.secret)
    page.keyboard.press("Enter")
    green = page.wait_for_selector(".scan-result--green")
    assert "Lê Thị Hồng" in green.inner_text() and "Đại học Đà Nẵng" in green.inner_text()
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    page.keyboard.type(ticket.secret)
    page.keyboard.press("Enter")
    page.wait_for_selector(".scan-result--red")
    page.click("[data-result]")

    # Punctuation alone finds nothing (it used to list the first 20 attendees).
    page.fill("#search-q", "!!")
    page.click("[data-search-form] button[type=submit]")
    page.wait_for_selector(".search-empty")
    assert page.locator(".search-result").count() == 0

    # Manual search, accents optional when registration keeps folded text; check in from the result.
    page.fill("#search-q", "Bình")
    page.click("[data-search-form] button[type=submit]")
    page.get_by_role("button", name="Cho vào: Trần Văn Bình").click()
    page.wait_for_selector(".scan-result--green")
    assert CheckIn.objects.filter(ticket=other, successful=True).exists()

    # Undo the last check-in.
    page.click("[data-result]")
    expect(page.locator("[data-undo]")).to_be_visible()
    page.click("[data-undo]")
    page.wait_for_selector(".scan-result--amber")
    assert CheckIn.objects.get(ticket=other, successful=True).annulled_at is not None


@pytest.mark.django_db(transaction=True)
def test_dashboard_is_accessible(live_server, page, django_user_model):
    from checkin.services import redeem_ticket

    ticket, checkin_list = scanner_user_and_ticket()
    redeem_ticket(ticket.secret, checkin_list, gate="Cổng A")
    django_user_model.objects.create_superuser("admin", "admin@example.com", "mat-khau-quan-tri")
    log_in_to_admin(page, live_server.url, "admin", "mat-khau-quan-tri")
    page.goto(f"{live_server.url}/admin/checkin/dashboard/{checkin_list.event_id}/")
    page.wait_for_selector("[data-checkin-dashboard]")
    assert "1 / 1" in page.inner_text("[data-dashboard-body]")
    assert axe_violations(page) == []
