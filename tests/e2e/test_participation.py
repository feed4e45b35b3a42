"""Citizens' voice in a real browser: rating an article, and a session's Q&A from question to screen."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from participation import links
from participation.models import ArticleRating, Moderation, Question
from tests.e2e.conftest import axe_violations
from tests.participation.conftest import BROWSER_UA

# Headless Chromium says "HeadlessChrome" in its User-Agent, which counts as a bot (rightly: scripts
# drive it); these tests play people, so they present an ordinary Chrome's.


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "user_agent": BROWSER_UA}


@pytest.mark.django_db(transaction=True)
def test_a_reader_rates_an_article_with_stars_and_a_comment(live_server, page):
    from tests.factories.content import ArticlePageFactory, NewsIndexPageFactory, make_home_pages

    home, _ = make_home_pages()
    article = ArticlePageFactory(parent=NewsIndexPageFactory(parent=home), title="Dịch vụ công trực tuyến")
    page.goto(f"{live_server.url}{article.url}")
    rating = page.locator("#article-rating")
    assert "Chưa có đánh giá" in rating.inner_text()
    assert axe_violations(page) == []
    # The stars are radio buttons a keyboard reaches, each with its name.
    rating.get_by_label("4 sao").check()
    rating.get_by_label("Nhận xét (không bắt buộc)").fill("Hướng dẫn dễ hiểu.")
    rating.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_url("**?rated=1#article-rating")
    assert "4,0 trên 5 từ 1 lượt đánh giá" in page.locator("#article-rating").inner_text()
    expect(page.get_by_role("status")).to_be_visible()
    saved = ArticleRating.objects.get()
    assert (saved.stars, saved.comment, saved.status) == (4, "Hướng dẫn dễ hiểu.", Moderation.PENDING)
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_a_question_goes_from_a_phone_to_the_moderator_to_the_room_screen(live_server, browser):
    from tests.factories.content import make_home_pages
    from tests.factories.events import EventPageFactory, SessionFactory

    make_home_pages()
    now = timezone.now()
    event = EventPageFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=6))
    session = SessionFactory(
        event=event, starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(hours=1)
    )

    def new_page(**options):
        return browser.new_page(
            user_agent=BROWSER_UA, bypass_csp=True, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **options
        )

    screen = new_page(viewport={"width": 1280, "height": 720})
    screen.goto(f"{live_server.url}/vi/qa/{session.pk}/screen/")
    assert "Chưa có câu hỏi nào." in screen.locator("#qa-screen-list").inner_text()
    assert axe_violations(screen) == []

    phone = new_page(viewport={"width": 375, "height": 740}, is_mobile=True)
    phone.goto(f"{live_server.url}{event.url}sessions/{session.slug}/")
    phone.get_by_role("link", name="Đặt câu hỏi").click()
    phone.get_by_label("Câu hỏi của bạn").fill("Dữ liệu mở của thành phố có API không?")
    phone.get_by_label("Tên của bạn (không bắt buộc)").fill("Minh")
    phone.get_by_role("button", name="Gửi câu hỏi").click()
    expect(phone.get_by_role("status")).to_be_visible()
    assert axe_violations(phone) == []

    host = new_page()
    host.goto(links.moderator_url(session.pk).replace("http://testserver", live_server.url))
    host.get_by_role("button", name="Duyệt").click()
    host.get_by_role("button", name="Ghim").click()
    expect(host.get_by_role("button", name="Bỏ ghim")).to_be_visible()
    assert Question.objects.get().is_pinned
    assert axe_violations(host) == []

    # The screen picks the question up by itself, without a reload.
    # It polls: the approved question may show before the pin does.
    expect(screen.locator("#qa-screen-list")).to_contain_text("Đang được trả lời", timeout=15000)
    expect(screen.locator("#qa-screen-list")).to_contain_text("Dữ liệu mở của thành phố")

    phone.reload()
    phone.get_by_role("button", name="Bình chọn").click()
    expect(phone.locator(".qa-list")).to_contain_text("Bạn đã bình chọn câu này")
    assert Question.objects.get().votes == 1
