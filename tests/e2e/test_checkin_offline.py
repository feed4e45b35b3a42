"""The scanner with the network cut (Playwright's offline mode): answers from the bundle in IndexedDB,
a queue of offline scans that survives reloads and a killed page, and uploads that the server records
once, conflicts included."""

import re

import pytest

from tests.e2e.conftest import axe_violations
from tests.e2e.test_checkin_camera import log_in_and_choose_gate, scanner_user_and_ticket

pytestmark = pytest.mark.django_db(transaction=True)

BANNER = "[data-offline-banner]"


def wait_until_ready_offline(page):
    """The service worker controls the page and the bundle is stored: the network may go."""
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)
    page.wait_for_selector("[data-offline-ready]:has-text('Sẵn sàng')", timeout=15000)
    # The worker has cached what the page loaded (the CACHE_URLS message is answered in the background).
    page.wait_for_function(
        "caches.open('checkin-scanner-page').then((cache) => cache.keys()).then((keys) => keys.length > 0)",
        timeout=15000,
    )


def scan(page, code):
    page.fill("#scan-code", code)
    page.press("#scan-code", "Enter")


def close_answer(page):
    page.click("[data-result]")
    page.wait_for_selector("[data-result]", state="hidden")


def queued(page):
    return page.evaluate(
        """() => new Promise((resolve, reject) => {
            const request = indexedDB.open("checkin-offline");
            request.onsuccess = () => {
                const count = request.result.transaction("queue").objectStore("queue").count();
                count.onsuccess = () => { resolve(count.result); request.result.close(); };
            };
            request.onerror = () => reject(request.error);
        })"""
    )


def test_scan_offline_reload_offline_and_sync(live_server, page, context):
    from checkin.models import CheckIn
    from tests.factories.registration import TicketFactory

    ticket, checkin_list = scanner_user_and_ticket()
    second = TicketFactory(ticket_type=ticket.ticket_type, attendee_name="Trần Văn Bình")
    log_in_and_choose_gate(page, live_server.url, checkin_list)
    wait_until_ready_offline(page)
    assert page.locator(BANNER).is_hidden()

    context.set_offline(True)
    scan(page, ticket.secret)
    green = page.wait_for_selector(".scan-result--green")
    assert "Lê Thị Hồng" in green.inner_text()
    close_answer(page)
    banner = page.locator(BANNER)
    assert re.fullmatch(r"Ngoại tuyến từ \d\d:\d\d · 1 lượt quét chờ gửi", banner.inner_text())
    assert banner.get_attribute("role") == "status"
    assert axe_violations(page) == []

    # The same ticket again: red, with the time and gate of the offline admission, as online.
    scan(page, ticket.secret)
    red = page.wait_for_selector(".scan-result--red")
    assert "Cổng B" in red.inner_text()
    close_answer(page)
    # A code that is not a ticket: red, and queued for the audit like any scan.
    scan(page, "KHONGPHAIVE")
    page.wait_for_selector(".scan-result--red")
    close_answer(page)

    # Reload with no network: the service worker serves the page, IndexedDB keeps bundle and queue.
    page.reload()
    page.wait_for_selector("checkin-scanner")
    page.wait_for_selector(f"{BANNER}:has-text('3 lượt quét chờ gửi')")
    scan(page, second.secret)
    page.wait_for_selector(".scan-result--green")
    close_answer(page)
    assert queued(page) == 4
    assert not CheckIn.objects.exists()

    # The network is back: the queue drains by itself and the server has the same answers.
    context.set_offline(False)
    page.wait_for_selector(BANNER, state="hidden", timeout=15000)
    assert queued(page) == 0
    rows = list(
        CheckIn.objects.order_by("created_at").values_list("ticket_id", "successful", "reason", "gate")
    )
    assert rows == [
        (ticket.pk, True, "", "Cổng B"),
        (ticket.pk, False, "already_redeemed", "Cổng B"),
        (None, False, "invalid", "Cổng B"),
        (second.pk, True, "", "Cổng B"),
    ]
    # Online again, a new scan is answered by the server, with no queue in between.
    scan(page, second.secret)
    page.wait_for_selector(".scan-result--red")
    assert CheckIn.objects.count() == 5
