"""Session feedback in a real browser: from the ticket page to the form and back, axe-clean, and the
past session's public average once five people rated it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations


@pytest.mark.django_db(transaction=True)
def test_an_attendee_rates_a_session_from_the_ticket_page(live_server, page):
    from participation import services
    from participation.models import SessionFeedback
    from registration.tokens import manage_token
    from tests.factories.checkin import CheckInFactory, CheckInListFactory
    from tests.factories.content import make_home_pages
    from tests.factories.events import EventPageFactory, SessionFactory
    from tests.factories.registration import TicketFactory, TicketTypeFactory

    make_home_pages()
    start = (timezone.localtime() - timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
    event = EventPageFactory(starts_at=start, ends_at=start + timedelta(hours=9))
    session = SessionFactory(
        event=event, title_vi="Dữ liệu mở cho người dân", starts_at=start + timedelta(hours=1),
        ends_at=start + timedelta(hours=2),
    )  # fmt: skip
    ticket_type = TicketTypeFactory(event=event)
    gate = CheckInListFactory(event=event)
    tickets = [TicketFactory(ticket_type=ticket_type) for _ in range(5)]
    for ticket in tickets:
        CheckInFactory(ticket=ticket, checkin_list=gate, created_at=start + timedelta(minutes=40))
    for ticket in tickets[1:]:
        services.give_feedback(ticket, session, rating=4, should_change="Riêng tư")

    ticket = tickets[0]
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"{live_server.url}/vi/registration/{manage_token(ticket.order)}/ticket/{ticket.pk}/")
    page.get_by_role("link", name="Dữ liệu mở cho người dân").click()
    page.wait_for_url("**/vi/feedback/**")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Gửi góp ý").click()  # nothing chosen yet
    expect(page.get_by_role("alert")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("5").check()
    page.get_by_label("Điều gì hữu ích nhất? (không bắt buộc)").fill("Các bộ dữ liệu giao thông.")
    page.get_by_role("button", name="Gửi góp ý").click()
    page.wait_for_url("**?saved=1")
    expect(page.get_by_role("status")).to_be_visible()
    assert axe_violations(page) == []
    assert SessionFeedback.objects.get(ticket=ticket).rating == 5

    page.goto(f"{live_server.url}{event.url}sessions/{session.slug}/")
    assert "4,2 trên 5 từ 5 người tham dự" in page.locator(".session-rating").inner_text()
    assert "Riêng tư" not in page.content() and "Các bộ dữ liệu" not in page.content()
    assert axe_violations(page) == []
