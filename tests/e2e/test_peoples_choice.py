"""The people's choice in a real browser: voting from the ticket page without JavaScript's help, changing
the vote, and the published results; the form and the results page are axe-clean."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations


@pytest.mark.django_db(transaction=True)
def test_an_attendee_votes_and_reads_the_results(live_server, page):
    from peoples_choice.models import Vote, VoteRound
    from registration.tokens import manage_token
    from tests.factories.content import make_home_pages
    from tests.factories.events import EventPageFactory
    from tests.peoples_choice.conftest import exhibiting_products, make_ticket

    make_home_pages()
    now = timezone.now()
    event = EventPageFactory(starts_at=now - timedelta(hours=2), ends_at=now + timedelta(hours=6))
    vote_round = VoteRound.objects.create(
        event=event, opens_at=now - timedelta(hours=1), closes_at=now + timedelta(hours=3),
        categories=["software", "hardware"],
    )  # fmt: skip
    first, second = exhibiting_products(event, 2)
    exhibiting_products(event, 1, category="hardware")
    for product, name in [(first, "Cổng dịch vụ công trực tuyến"), (second, "Bản đồ số Đà Nẵng")]:
        product.name_vi = name
        product.save()
    ticket = make_ticket(event)

    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"{live_server.url}/vi/registration/{manage_token(ticket.order)}/ticket/{ticket.pk}/")
    section = page.locator("#peoples-choice")
    section.get_by_label(first.name_vi).check()
    section.get_by_role("group", name="Phần mềm và nền tảng").locator("..").get_by_role("button").click()
    page.wait_for_url("**?voted=1#peoples-choice")
    expect(page.get_by_text("Đã lưu phiếu bình chọn của bạn")).to_be_visible()
    assert axe_violations(page) == []

    page.locator("#peoples-choice").get_by_label(second.name_vi).check()
    page.get_by_role("button", name="Đổi lựa chọn").click()
    page.wait_for_url("**?voted=1#peoples-choice")
    assert list(Vote.objects.values_list("product_id", flat=True)) == [second.pk]
    assert page.locator("#peoples-choice").get_by_label(second.name_vi).is_checked()

    vote_round.results_published = True
    vote_round.save()
    page.goto(f"{live_server.url}/vi/peoples-choice/{event.pk}/")
    row = page.get_by_role("row", name=second.name_vi)
    assert row.get_by_role("cell").nth(1).inner_text() == "1"
    assert axe_violations(page) == []
