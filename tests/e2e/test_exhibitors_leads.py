"""Lead scanning at a booth with Chromium's fake camera, reusing the check-in app's QR decoder."""

import shutil

import pytest

from tests.e2e.conftest import FFMPEG, axe_violations, fake_camera_page, make_y4m


def ensure_home_pages():
    """Home pages, also after an earlier transactional test flushed Wagtail's root page."""
    from wagtail.models import Locale, Page

    from tests.factories.content import make_home_pages

    if Page.get_first_root_node() is None:
        Locale.objects.get_or_create(language_code="vi")
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code="vi")))
    return make_home_pages()


@pytest.mark.skipif(not shutil.os.path.exists(FFMPEG), reason="ffmpeg is not installed")
@pytest.mark.django_db(transaction=True)
def test_scan_a_visitor_who_shared_details(live_server, browser_type, tmp_path):
    from exhibitors.models import Lead
    from tests.factories.exhibitors import ApplicationFactory, ExhibitorMemberFactory
    from tests.factories.registration import TicketFactory

    ensure_home_pages()
    member = ExhibitorMemberFactory(user__username="gianhang@example.com", user__email="gianhang@example.com")
    application = ApplicationFactory(exhibitor=member.exhibitor, status="confirmed")
    ticket = TicketFactory(
        ticket_type__event=application.event,
        share_with_exhibitors=True,
        attendee_name="Phan Thanh Giản",
        organisation="Sở Công Thương",
    )
    with fake_camera_page(browser_type, make_y4m(ticket.secret, tmp_path)) as page:
        page.goto(f"{live_server.url}/vi/exhibitor-portal/login/")
        page.fill("#id_username", "gianhang@example.com")
        page.fill("#id_password", "mat-khau-an-toan-123")
        page.click("main form button[type=submit]")
        page.goto(f"{live_server.url}/vi/exhibitor-portal/{member.exhibitor_id}/leads/scan/")
        assert axe_violations(page) == []
        page.click(".scan-start")
        result = page.wait_for_selector(".scan-ok", timeout=15_000)
        assert "Phan Thanh Giản" in result.inner_text()
        lead = Lead.objects.get(exhibitor=member.exhibitor)
        assert lead.shared and lead.organisation == "Sở Công Thương"
        page.goto(f"{live_server.url}/vi/exhibitor-portal/{member.exhibitor_id}/leads/")
        assert "Phan Thanh Giản" in page.inner_text("main")
        assert axe_violations(page) == []
