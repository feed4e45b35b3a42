"""A visitor on a phone filters the agenda, stars two sessions and finds them in My agenda."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations


def _programme():
    from tests.factories.content import make_home_pages
    from tests.factories.events import (
        EventPageFactory,
        RoomFactory,
        SessionFactory,
        SpeakerFactory,
        TrackFactory,
    )

    make_home_pages()
    event = EventPageFactory(title="Ngày Chuyển đổi số Đà Nẵng", slug="ngay-chuyen-doi-so")
    hall = RoomFactory(event=event, name_vi="Hội trường A", name_en="Hall A")
    room = RoomFactory(event=event, name_vi="Phòng 2.1", name_en="Room 2.1")
    # Ids past 999, as after a long-lived database (or the whole suite on PostgreSQL, whose sequences
    # never rewind): the vi locale would print 1234 as "1.234" wherever an id is not unlocalized.
    gov = TrackFactory(
        pk=5001, event=event, name_vi="Chính quyền số", name_en="Digital government", colour="#0b4ea2"
    )
    econ = TrackFactory(
        pk=5002, event=event, name_vi="Kinh tế số", name_en="Digital economy", colour="#8a3b12"
    )
    speaker = SpeakerFactory(name="Nguyễn Thị Ánh", slug="nguyen-thi-anh", bio_vi="Chuyên gia dữ liệu mở.")
    start = event.starts_at
    keynote = SessionFactory(
        pk=12001, event=event, title_vi="Khai mạc", slug="khai-mac", room=hall, track=gov,
        starts_at=start, ends_at=start + timedelta(hours=1), speakers=[speaker],
    )  # fmt: skip
    services = SessionFactory(
        pk=12002, event=event, title_vi="Dịch vụ công trực tuyến", slug="dich-vu-cong", room=room, track=gov,
        starts_at=start + timedelta(minutes=30), ends_at=start + timedelta(minutes=90),
    )  # fmt: skip
    payments = SessionFactory(
        pk=12003, event=event, title_vi="Thanh toán số", slug="thanh-toan-so", room=hall, track=econ,
        starts_at=start + timedelta(hours=2), ends_at=start + timedelta(hours=3),
    )  # fmt: skip
    return event, gov, keynote, services, payments


@pytest.mark.django_db(transaction=True)
def test_phone_visitor_filters_stars_and_sees_my_agenda_and_pages_are_accessible(live_server, page):
    event, gov, keynote, services, payments = _programme()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{event.url}agenda/")
    assert axe_violations(page) == []

    # A phone gets one chronological list: no room columns.
    expect(page.locator(".room-head").first).to_be_hidden()
    items = page.locator("article.session-item")
    assert items.count() == 3

    page.get_by_text("Lọc chương trình").click()  # folded on phones
    page.get_by_label("Chính quyền số").check()
    payments_item = page.locator(f'article[data-session="{payments.pk}"]')
    assert payments_item.count() == 1  # else waiting for it to hide would pass vacuously
    payments_item.wait_for(state="hidden")
    assert f"track={gov.pk}" in page.url
    assert page.locator(".agenda-count").inner_text() == "Đang hiển thị 2/3 phiên"

    for session in (keynote, services):
        button = page.locator(f'star-session[session="{session.pk}"] button')
        button.click()
        assert button.get_attribute("aria-pressed") == "true"

    page.get_by_role("link", name="Lịch của tôi").first.click()
    page.wait_for_url("**/my-agenda/")
    page.locator(".my-session").first.wait_for()
    listed = page.locator(".my-session .session-title").all_inner_texts()
    assert sorted(listed) == sorted([keynote.title_vi, services.title_vi])
    assert page.locator(".my-session.has-clash").count() == 2  # 09:00-10:00 and 09:30-10:30 overlap
    assert axe_violations(page) == []

    # Unstarring on My agenda updates the list at once.
    page.locator(f'star-session[session="{services.pk}"] button').click()
    page.wait_for_function("document.querySelectorAll('.my-session').length === 1")

    # A calendar subscription keeps the stars on the server behind a secret address, and follows new stars.
    page.get_by_role("button", name="Tạo liên kết đăng ký lịch").click()
    page.wait_for_url("**/my-agenda/k/*/")
    feed = page.locator("#feed-url").input_value()
    assert feed.endswith(".ics")
    ics = page.request.get(live_server.url + urlsplit(feed).path).text()
    assert keynote.title_vi in ics and services.title_vi not in ics
    assert axe_violations(page) == []

    # "Add my workshops to my agenda" links (`?s=`) add to the stars, and the subscription follows.
    page.goto(f"{live_server.url}/vi/my-agenda/?s={payments.pk}")
    page.wait_for_function("document.querySelectorAll('.my-session').length === 2")
    for _ in range(20):
        ics = page.request.get(live_server.url + urlsplit(feed).path).text()
        if payments.title_vi in ics:
            break
        page.wait_for_timeout(100)
    assert payments.title_vi in ics and keynote.title_vi in ics

    # The other programme pages pass axe too (one flow: a transactional test flushes the page tree).
    page.goto(f"{live_server.url}{event.url}sessions/khai-mac/")
    assert page.locator("h1").inner_text() == "Khai mạc"
    assert axe_violations(page) == []
    page.get_by_role("link", name="Nguyễn Thị Ánh").click()
    page.wait_for_url("**/speakers/nguyen-thi-anh/")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/vi/speakers/")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}{event.url}")
    assert axe_violations(page) == []
