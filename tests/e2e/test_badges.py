"""Badges in a real browser: green scan → "Print badge" → the print page (name, QR, the paper size the
ticket type asks for, as Chromium prints it); axe-core on the print page, the badge layout settings and
a bulk job's progress page."""

import pytest
from playwright.sync_api import expect

from tests.checkin.test_badges import decoded, render_pages
from tests.e2e.conftest import axe_violations, log_in_to_admin
from tests.e2e.test_checkin_camera import log_in_and_choose_gate, scanner_user_and_ticket


@pytest.mark.django_db(transaction=True)
def test_green_scan_then_print_the_badge(live_server, page):
    from checkin.models import BadgeLayout, BadgeSettings

    ticket, checkin_list = scanner_user_and_ticket()
    BadgeSettings.objects.create(ticket_type=ticket.ticket_type, layout=BadgeLayout.LABEL_62)
    log_in_and_choose_gate(page, live_server.url, checkin_list)
    # No admission yet: nothing to print.
    expect(page.locator("[data-badge-link]")).to_be_hidden()

    page.fill("#scan-code", ticket.secret)
    page.keyboard.press("Enter")
    page.wait_for_selector(".scan-result--green")
    page.click("[data-result]")
    link = page.get_by_role("link", name="In thẻ: Lê Thị Hồng")
    expect(link).to_be_visible()
    link.click()

    page.wait_for_selector(".badge")
    assert page.inner_text(".badge__name") == "Lê Thị Hồng"
    assert page.inner_text(".badge__org") == "Đại học Đà Nẵng"
    assert "Doanh nghiệp" in page.inner_text(".badge__band")  # the category in words, not only colour
    expect(page.get_by_role("button", name="In")).to_be_visible()
    assert axe_violations(page) == []

    # What the print dialog would print: one 62 × 100 mm page with the code that scans to the secret.
    page.emulate_media(media="print")
    printed = render_pages(page.pdf(prefer_css_page_size=True), scale=3)
    assert [size for size, _ in printed] == [(62, 100)]
    assert decoded(printed[0][1]) == [ticket.secret]

    # A refused scan hides the link: it never points at the wrong person.
    page.emulate_media(media="screen")
    page.get_by_role("link", name="Quay lại máy quét").click()
    page.wait_for_selector("checkin-scanner")
    page.fill("#scan-code", "not-a-ticket-code")
    page.keyboard.press("Enter")
    page.wait_for_selector(".scan-result--red")
    expect(page.locator("[data-badge-link]")).to_be_hidden()


def log_in_admin(page, base_url, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.com", "mat-khau-quan-tri")
    log_in_to_admin(page, base_url, "admin", "mat-khau-quan-tri")


@pytest.mark.django_db(transaction=True)
def test_badge_settings_and_bulk_job_pages(live_server, page, django_user_model):
    from checkin.models import BadgeJob, BadgeSettings

    ticket, checkin_list = scanner_user_and_ticket()
    log_in_admin(page, live_server.url, django_user_model)

    page.goto(f"{live_server.url}/admin/checkin/badge-layouts/new/")
    assert axe_violations(page) == []
    page.select_option("#id_ticket_type", str(ticket.ticket_type_id))
    page.select_option("#id_layout", "label62")
    page.click("#w-editor-form footer button[type=submit]")
    page.wait_for_url("**/admin/checkin/badge-layouts/")
    assert BadgeSettings.objects.get().layout == "label62"
    # Wagtail's "saved" message slides in: axe measures its colours once it has settled.
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/admin/checkin/badges/")
    assert axe_violations(page) == []
    page.select_option("#id_checkin_list", str(checkin_list.pk))
    page.click("#badge-job-form button[type=submit]")
    # Tests run tasks eagerly: the job is done when its page opens, and the bar says so.
    page.wait_for_selector("progress[value='100']")
    assert page.get_by_label("Số thẻ đã tạo").get_attribute("value") == "100"
    expect(page.get_by_role("link", name="Tải tệp PDF")).to_be_visible()
    assert axe_violations(page) == []
    job = BadgeJob.objects.get()
    assert job.total == 1 and job.status == "done"


@pytest.mark.django_db(transaction=True)
def test_print_the_badge_of_a_scan_made_offline(live_server, page, context):
    """No network, so no admission on the server yet: the badge is drawn from the bundle, in the
    attendee's language, on the ticket type's paper, with a QR code of the scanned ticket."""
    from checkin.models import BadgeLayout, BadgeSettings, CheckIn
    from tests.e2e.test_checkin_offline import close_answer, scan, wait_until_ready_offline
    from tests.factories.registration import OrderFactory, TicketFactory

    ticket, checkin_list = scanner_user_and_ticket()
    BadgeSettings.objects.create(ticket_type=ticket.ticket_type, layout=BadgeLayout.LABEL_62)
    ticket_type = ticket.ticket_type
    ticket_type.name_en = "Visitor"
    ticket_type.save()
    guest = TicketFactory(
        ticket_type=ticket_type,
        attendee_name="Anna Schmidt",
        organisation="",
        category="international_guest",
        order=OrderFactory(event=ticket_type.event, language="en"),
    )
    log_in_and_choose_gate(page, live_server.url, checkin_list)
    wait_until_ready_offline(page)
    context.set_offline(True)

    scan(page, guest.secret)
    page.wait_for_selector(".scan-result--amber")
    close_answer(page)
    expect(page.locator("[data-badge-link]")).to_be_hidden()  # no page to link to offline
    button = page.get_by_role("button", name="In thẻ: Anna Schmidt")
    expect(button).to_be_visible()
    assert axe_violations(page) == []
    # Headless Chromium has no print dialog (a call leaves it "printing" and page.pdf() refused):
    # count the calls, and print below with page.pdf() as the dialog would.
    page.evaluate("() => { window.print = () => { window.printCalls = (window.printCalls || 0) + 1; }; }")
    button.click()
    assert page.evaluate("window.printCalls") == 1

    badge = page.locator(".badge--offline")
    assert badge.get_attribute("lang") == "en"
    assert badge.locator(".badge__name").inner_text() == "Anna Schmidt"
    assert badge.locator(".badge__org").count() == 0
    band = badge.locator(".badge__band").text_content()
    assert band == "International guest · Visitor"  # the attendee's language, the category in words
    page.emulate_media(media="print")
    printed = render_pages(page.pdf(prefer_css_page_size=True), scale=3)
    assert [size for size, _ in printed] == [(62, 100)]
    assert decoded(printed[0][1]) == [guest.secret]
    page.emulate_media(media="screen")

    # A refused scan clears it: the button never prints the wrong person.
    scan(page, guest.secret)
    page.wait_for_selector(".scan-result--red")
    close_answer(page)
    expect(button).to_be_hidden()
    expect(page.locator(".badge--offline")).to_have_count(0)
    assert not CheckIn.objects.exists()  # all of it offline
