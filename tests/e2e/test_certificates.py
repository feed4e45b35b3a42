"""A certificate's QR code, read off its PDF, opens the verify page in a real browser; axe-clean."""

import pytest

from certificates import services
from certificates.documents import certificate_pdf
from certificates.models import Certificate
from tests.certificates.conftest import decoded, past_class, render_first_page
from tests.e2e.conftest import axe_violations
from tests.factories.checkin import CheckInFactory, CheckInListFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory


@pytest.mark.django_db(transaction=True)
def test_the_qr_opens_the_verify_page_and_a_wrong_code_is_not_found(live_server, page, settings):
    from tests.factories.content import make_home_pages

    make_home_pages()
    settings.SITE_URL = live_server.url  # the QR holds an absolute link to this server
    skills_class = past_class()
    ticket = TicketFactory(ticket_type=TicketTypeFactory(event=skills_class), attendee_name="Phạm Thị Mai")
    CheckInFactory(ticket=ticket, checkin_list=CheckInListFactory(event=skills_class))
    services.issue_for_class(skills_class)
    certificate = Certificate.objects.get()

    [url] = decoded(render_first_page(certificate_pdf(certificate)))
    page.goto(url)
    assert page.get_by_role("status").inner_text().strip() == "Chứng nhận này hợp lệ."
    facts = page.locator(".certificate-facts").inner_text()
    assert "Phạm Thị Mai" in facts and skills_class.title in facts and ticket.email not in page.content()
    assert axe_violations(page) == []

    page.get_by_label("Mã chứng nhận").fill("ZZZZ ZZZZ")
    page.get_by_role("button", name="Xác minh").click()
    assert "Không có chứng nhận nào mang mã" in page.get_by_role("status").inner_text()
    assert axe_violations(page) == []
