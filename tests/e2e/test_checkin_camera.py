"""The scanner page reads a ticket's QR code from Chromium's fake camera (jsQR path): green, then red."""

import shutil

import pytest

from tests.e2e.conftest import FFMPEG, fake_camera_page, make_y4m


def scanner_user_and_ticket():
    from tests.factories.checkin import CheckInListFactory, checkin_staff_group
    from tests.factories.registration import TicketFactory

    ticket = TicketFactory(attendee_name="Lê Thị Hồng", organisation="Đại học Đà Nẵng")
    checkin_list = CheckInListFactory(event=ticket.ticket_type.event, name="Cổng chính")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("tinh-nguyen", password="mat-khau-dai-123", first_name="Lan")
    user.groups.add(checkin_staff_group())
    return ticket, checkin_list


def log_in_and_choose_gate(page, base_url, checkin_list, gate="Cổng B"):
    page.goto(f"{base_url}/vi/checkin/")
    page.fill("#id_username", "tinh-nguyen")
    page.fill("#id_password", "mat-khau-dai-123")
    page.click("main form.stack button[type=submit]")
    page.select_option("select[name=checkin_list]", str(checkin_list.pk))
    page.fill("input[name=gate]", gate)
    page.click("main form.stack button[type=submit]")
    page.wait_for_selector("checkin-scanner")
    # Let the page settle (web fonts, revealed controls) so a click is not moved by a late layout shift.
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")


@pytest.mark.skipif(not shutil.os.path.exists(FFMPEG), reason="ffmpeg is not installed")
@pytest.mark.django_db(transaction=True)
def test_camera_scan_checks_in_then_refuses_the_same_code(live_server, browser_type, tmp_path):
    from checkin.models import CheckIn

    ticket, checkin_list = scanner_user_and_ticket()
    with fake_camera_page(browser_type, make_y4m(ticket.secret, tmp_path)) as page:
        log_in_and_choose_gate(page, live_server.url, checkin_list)
        page.click("[data-camera-toggle]")
        # The answer stays in the device's history after the green screen has gone.
        green = page.wait_for_selector(".history-item--green", timeout=20_000)
        assert "Lê Thị Hồng" in green.inner_text()
        assert page.evaluate("document.querySelector('qr-camera').decoder") == "jsqr"
        # The code stays in view: it is not submitted again.
        page.wait_for_timeout(1500)
        assert CheckIn.objects.count() == 1
        frames = page.evaluate("document.querySelector('qr-camera').framesDecoded")
        assert frames >= 5  # at least 5 decodes a second while the code was in view
        # Shown again after a restart of the camera: red, already checked in, with the first gate.
        page.click("[data-camera-toggle]")
        page.click("[data-camera-toggle]")
        red = page.wait_for_selector(".scan-result--red", timeout=20_000)
        text = red.inner_text()
        assert "Cổng B" in text and "Lan" in text
        assert CheckIn.objects.filter(successful=True).count() == 1
        assert CheckIn.objects.filter(reason="already_redeemed").count() == 1
