"""The scanner with the network cut (Playwright's offline mode): answers from the bundle in IndexedDB,
a queue of offline scans that survives reloads and a killed page, and uploads that the server records
once, conflicts included."""

import re

import pytest

from tests.e2e.conftest import axe_violations, log_in_to_admin
from tests.e2e.test_checkin_camera import log_in_and_choose_gate, scanner_user_and_ticket

pytestmark = pytest.mark.django_db(transaction=True)

BANNER = "[data-offline-banner]"


def wait_for_cached_page(page, path):
    """The worker has cached the scanner page (the page's CACHE_URLS message is answered in the
    background); polled from here, since a promise would count as a truthy answer at once."""
    check = f"async () => Boolean(await (await caches.open('checkin-scanner-page')).match('{path}'))"
    for _attempt in range(150):
        if page.evaluate(check):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{path} was never cached")


def wait_until_ready_offline(page, path="/vi/checkin/"):
    """The service worker controls the page and the bundle is stored: the network may go."""
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)
    page.wait_for_selector("[data-offline-ready]:has-text('Sẵn sàng')", timeout=15000)
    wait_for_cached_page(page, path)


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
    assert re.search(r"Đã check-in lúc \d\d:\d\d tại Cổng B, do .+ quét\.", red.inner_text())
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
    # Online again, a new scan is answered by the server, with no queue in between, and costs the
    # network what it did before offline mode: one request.
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    scan(page, second.secret)
    red = page.wait_for_selector(".scan-result--red")
    assert re.search(r"Đã check-in lúc \d\d:\d\d tại Cổng B, do .+ quét\.", red.inner_text())
    assert CheckIn.objects.count() == 5
    page.wait_for_timeout(300)
    assert requests == [f"{live_server.url}/vi/checkin/scan/redeem/"]


def test_offline_answers_follow_the_server_rules_and_search_works_offline(live_server, page, context):
    """Every rule the bundle carries, answered offline and then by the server for the same scans: the
    same reasons. Manual search over the bundle ignores accents and checks in by the ticket's id."""
    from datetime import timedelta

    from django.utils import timezone

    from checkin.models import CheckIn
    from registration.models import OrderStatus, TicketStatus
    from tests.factories.registration import OrderFactory, TicketFactory, TicketTypeFactory

    ticket, checkin_list = scanner_user_and_ticket()
    event = checkin_list.event
    checkin_list.allow_reentry = checkin_list.record_exits = True
    checkin_list.save()
    checkin_list.ticket_types.set([ticket.ticket_type])
    cancelled = TicketFactory(ticket_type=ticket.ticket_type, status=TicketStatus.CANCELLED)
    unpaid = TicketFactory(
        ticket_type=ticket.ticket_type, order=OrderFactory(event=event, status=OrderStatus.PENDING_PAYMENT)
    )
    other_type = TicketFactory(ticket_type=TicketTypeFactory(event=event))
    searched = TicketFactory(
        ticket_type=ticket.ticket_type, attendee_name="Đặng Thị Ánh", organisation="Sở Thông tin Đà Nẵng"
    )
    log_in_and_choose_gate(page, live_server.url, checkin_list)
    wait_until_ready_offline(page)
    context.set_offline(True)

    def answer(code, scan_type="entry", colour="red"):
        page.select_option("#scan-type", scan_type)
        scan(page, code)
        text = page.wait_for_selector(f".scan-result--{colour}").inner_text()
        close_answer(page)
        return text

    assert "Xin mời vào" in answer(ticket.secret, colour="green")
    assert "Vẫn đang ở bên trong" in answer(ticket.secret)  # re-entry allowed, but still inside
    assert "Đã ghi nhận lượt ra" in answer(ticket.secret, "exit", colour="green")
    assert "Xin mời vào" in answer(ticket.secret, colour="green")  # back in after leaving
    assert "đã bị hủy" in answer(cancelled.secret)
    assert "Chưa thanh toán" in answer(unpaid.secret)
    assert "không được vào cổng này" in answer(other_type.secret)

    # Offline search: no accents typed, folded as the server folds (đ → d); check in from a result.
    page.fill("#search-q", "dang thi anh da nang")
    page.click("[data-search-form] button[type=submit]")
    page.get_by_role("button", name="Cho vào: Đặng Thị Ánh").click()
    page.wait_for_selector(".scan-result--green")
    close_answer(page)
    page.fill("#search-q", "anh")
    page.click("[data-search-form] button[type=submit]")
    page.wait_for_selector(".search-result__status")  # now shown as already checked in

    # Outside the list's hours (the bundle read again when the page opens online): only the refusals
    # that come before the hours stay as they were.
    context.set_offline(False)
    page.wait_for_selector(BANNER, state="hidden", timeout=15000)
    checkin_list.valid_until = timezone.now() - timedelta(minutes=1)
    checkin_list.save()
    page.reload()
    page.wait_for_selector("[data-offline-ready]:has-text('Sẵn sàng')")
    page.wait_for_function("!document.querySelector('[data-offline-banner]').textContent")
    context.set_offline(True)
    page.wait_for_timeout(200)
    assert "Không có hiệu lực lúc này" in answer(searched.secret)
    assert "đã bị hủy" in answer(cancelled.secret)
    local = page.evaluate(
        """() => new Promise((resolve) => {
            indexedDB.open("checkin-offline").onsuccess = (event) => {
                const all = event.target.result.transaction("queue").objectStore("queue").getAll();
                all.onsuccess = () => resolve(all.result.map((item) => [item.nonce, item.local]));
            };
        })"""
    )
    context.set_offline(False)
    page.wait_for_selector(BANNER, state="hidden", timeout=15000)
    server = dict(
        CheckIn.objects.filter(nonce__in=[nonce for nonce, _ in local]).values_list("nonce", "reason")
    )
    assert [server[nonce] or "ok" for nonce, _ in local] == [reason for _, reason in local]
    assert sorted(reason for _, reason in local) == ["canceled", "invalid_time"]
    reasons = list(CheckIn.objects.order_by("created_at").values_list("reason", flat=True))
    assert reasons == [
        "", "already_redeemed", "", "", "canceled", "unpaid", "product", "", "invalid_time", "canceled",
    ]  # fmt: skip


def test_two_devices_admit_the_same_ticket_offline(
    live_server, browser, browser_context_args, django_user_model
):
    """Both gates say green with no network; once synced, the server keeps the first scan as the
    admission, the other is a conflict that the later device's history and the dashboard show."""
    from checkin.models import CheckIn

    ticket, checkin_list = scanner_user_and_ticket()
    gates = []
    for gate in ("Cổng A", "Cổng B"):
        context = browser.new_context(**browser_context_args)
        page = context.new_page()
        log_in_and_choose_gate(page, live_server.url, checkin_list, gate=gate)
        wait_until_ready_offline(page)
        gates.append((context, page))
    for context, _page in gates:
        context.set_offline(True)
    for _context, page in gates:
        scan(page, ticket.secret)
        page.wait_for_selector(".scan-result--green")
        close_answer(page)
    # The later scanner's network comes back first: the upload order does not decide, the scan time does.
    for context, page in reversed(gates):
        context.set_offline(False)
        page.wait_for_selector(BANNER, state="hidden", timeout=15000)
    # Its green became a conflict after its upload: it learns so from the bundle when it opens again.
    later = gates[1][1]
    later.reload()

    admission = CheckIn.objects.get(ticket=ticket, successful=True)
    conflict = CheckIn.objects.get(ticket=ticket, reason="conflict")
    assert (admission.gate, conflict.gate, conflict.previous_id) == ("Cổng A", "Cổng B", admission.pk)
    history = later.locator(".history-item--red").first.inner_text()
    assert "Xung đột" in history and "Cổng A" in history

    django_user_model.objects.create_superuser("admin", "admin@example.com", "mat-khau-quan-tri")
    page = gates[0][1]
    log_in_to_admin(page, live_server.url, "admin", "mat-khau-quan-tri")
    page.goto(f"{live_server.url}/admin/checkin/dashboard/{checkin_list.event_id}/")
    row = page.locator("[data-conflicts] tbody tr").first.inner_text()
    assert "Lê Thị Hồng" in row and "Cổng A" in row and "Cổng B" in row
    for context, _page in gates:
        context.close()


def test_page_killed_mid_upload_loses_nothing_and_records_nothing_twice(live_server, page, context):
    from checkin.models import CheckIn
    from tests.factories.registration import TicketFactory

    ticket, checkin_list = scanner_user_and_ticket()
    others = TicketFactory.create_batch(3, ticket_type=ticket.ticket_type)
    log_in_and_choose_gate(page, live_server.url, checkin_list)
    wait_until_ready_offline(page)
    context.set_offline(True)
    for item in [ticket, *others]:
        scan(page, item.secret)
        page.wait_for_selector(".scan-result--green")
        close_answer(page)
    scan(page, ticket.secret)
    page.wait_for_selector(".scan-result--red")
    close_answer(page)

    # The upload reaches the server, which records the batch; the page dies before it reads the answer.
    uploads = []

    def reach_the_server_then_hang(route):
        uploads.append(route.fetch().status)

    context.route("**/api/v1/checkin/upload/", reach_the_server_then_hang)
    context.set_offline(False)
    while not uploads:
        page.wait_for_timeout(50)
    page.close()
    assert uploads == [200]
    assert CheckIn.objects.count() == 5

    # Reopened: the queue is still there and is sent again; the nonces make it change nothing.
    context.unroute("**/api/v1/checkin/upload/")
    page = context.new_page()
    page.goto(f"{live_server.url}/vi/checkin/")
    page.wait_for_selector("checkin-scanner")
    page.wait_for_function("document.querySelector('[data-offline-banner]').hidden", timeout=15000)
    assert queued(page) == 0
    assert CheckIn.objects.count() == 5
    assert CheckIn.objects.filter(successful=True).count() == 4
    assert sorted(CheckIn.objects.values_list("ticket_id", flat=True)) == sorted(
        [ticket.pk, ticket.pk, *(item.pk for item in others)]
    )


def test_english_scanner_has_its_own_worker_and_banner(live_server, page, context):
    from checkin.models import CheckIn

    ticket, checkin_list = scanner_user_and_ticket()
    log_in_and_choose_gate(page, live_server.url, checkin_list)
    page.goto(f"{live_server.url}/en/checkin/")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)
    page.wait_for_selector("[data-offline-ready]:has-text('Ready offline (tickets: 1,')", timeout=15000)
    assert page.evaluate(
        "navigator.serviceWorker.getRegistration().then((r) => new URL(r.scope).pathname)"
    ) == ("/en/checkin/")
    wait_for_cached_page(page, "/en/checkin/")
    context.set_offline(True)
    page.reload()
    scan(page, ticket.secret)
    assert "Welcome! Checked in." in page.wait_for_selector(".scan-result--green").inner_text()
    close_answer(page)
    assert re.fullmatch(r"Offline since \d\d:\d\d · 1 scan waiting", page.inner_text(BANNER))
    context.set_offline(False)
    page.wait_for_selector(BANNER, state="hidden", timeout=15000)
    assert CheckIn.objects.get().successful
