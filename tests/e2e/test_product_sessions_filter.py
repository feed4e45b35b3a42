"""The portal's product form: demonstration sessions by day, and a search box that narrows them."""

from datetime import timedelta

import pytest

from tests.e2e.conftest import axe_violations
from tests.e2e.test_exhibitors_leads import ensure_home_pages


@pytest.mark.django_db(transaction=True)
def test_searching_the_sessions_keeps_the_matching_ones_and_their_days(live_server, page):
    from django.utils.timezone import localtime

    from tests.factories.events import RoomFactory, SessionFactory
    from tests.factories.exhibitors import ApplicationFactory, ExhibitorMemberFactory

    ensure_home_pages()
    member = ExhibitorMemberFactory(user__username="gianhang@example.com", user__email="gianhang@example.com")
    event = ApplicationFactory(exhibitor=member.exhibitor, status="confirmed").event
    halls = [RoomFactory(event=event, name_vi=name) for name in ("Hội trường A", "Phòng 2.1")]
    for day in range(2):
        for hall in halls:
            start = localtime(event.starts_at).replace(hour=9, minute=0) + timedelta(days=day)
            SessionFactory(
                event=event,
                title_vi="Trình diễn sản phẩm",
                room=hall,
                starts_at=start,
                ends_at=start + timedelta(minutes=45),
            )

    page.goto(f"{live_server.url}/vi/exhibitor-portal/login/")
    page.fill("#id_username", "gianhang@example.com")
    page.fill("#id_password", "mat-khau-an-toan-123")
    page.click("main form button[type=submit]")
    page.goto(f"{live_server.url}/vi/exhibitor-portal/{member.exhibitor_id}/products/new/")
    search = page.get_by_label("Tìm phiên theo ngày, giờ, phòng hoặc tên")
    assert page.locator("session-filter .check:visible").count() == 4
    assert axe_violations(page) == []

    search.fill("hoi truong a")  # without accents
    assert page.locator("session-filter .check:visible").count() == 2
    assert page.locator("session-filter fieldset:visible").count() == 2
    page.locator("session-filter .check:visible input").first.check()

    search.fill("phong 2.1")
    # The ticked session stays in view with the matches, so nothing chosen is hidden.
    assert page.locator("session-filter .check:visible").count() == 3
    search.fill("không có phiên nào như vậy")
    assert page.locator("session-filter .check:visible").count() == 1
    search.fill("")
    assert page.locator("session-filter .check:visible").count() == 4
