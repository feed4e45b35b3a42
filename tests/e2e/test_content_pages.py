"""The public site in a real browser: home pages, language switch, search and the support form."""

import pytest
from playwright.sync_api import expect

from content.models import ArticlePage
from tests.e2e.conftest import axe_violations


def _site():
    from tests.factories.content import (
        ArticlePageFactory,
        NewsIndexPageFactory,
        SupportPageFactory,
        contact_settings,
        make_home_pages,
        navigation,
        translate,
    )

    home, home_en = make_home_pages()
    index = NewsIndexPageFactory(parent=home)
    translate(index, title="Digital transformation column", slug="news")
    story = ArticlePageFactory(
        parent=index,
        title="Phường Hải Châu chuyển đổi số thủ tục hành chính",
        slug="hai-chau",
        category=ArticlePage.Category.SUCCESS_STORY,
        featured_on_home=True,
    )
    translate(story, title="Hải Châu ward digitises its paperwork", slug="hai-chau")
    support = SupportPageFactory(parent=home)
    translate(support, title="Support", slug="support")
    contact_settings()
    navigation([index, support])
    return home


@pytest.mark.django_db(transaction=True)
def test_home_page_in_both_languages_with_the_language_switch(live_server, page):
    _site()
    page.goto(f"{live_server.url}/vi/")
    assert page.locator("h1").inner_text() == "Ngày Chuyển đổi số"
    expect(page.get_by_role("heading", name="Câu chuyện thành công")).to_be_visible()
    assert page.get_by_role("link", name="Bỏ qua, đến nội dung chính").count() == 1
    assert axe_violations(page) == []
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("link", name="Hải Châu ward digitises its paperwork").first).to_be_visible()
    assert axe_violations(page) == []
    # From an English article back to the same article in Vietnamese.
    page.get_by_role("link", name="Hải Châu ward digitises its paperwork").first.click()
    page.wait_for_url("**/en/news/hai-chau/")
    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url("**/vi/tin-tuc/hai-chau/")
    assert "Phường Hải Châu" in page.locator("h1").inner_text()


@pytest.mark.django_db(transaction=True)
def test_search_without_accents_from_the_header(live_server, page):
    _site()
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"{live_server.url}/vi/")
    page.get_by_label("Tìm trong trang").first.fill("hai chau chuyen doi so")
    page.keyboard.press("Enter")
    page.wait_for_url("**/vi/search/?q=*")
    result = page.locator(".search-results li").first
    assert "Phường Hải Châu" in result.inner_text()
    assert result.locator("mark").count() >= 2
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_a_person_sends_a_support_request(live_server, page):
    from django.core import mail

    from content.models import SupportRequest

    _site()
    page.goto(f"{live_server.url}/vi/ho-tro/")
    expect(page.get_by_role("link", name="1022").first).to_be_visible()
    assert axe_violations(page) == []
    # A first try with a wrong phone number: the error is shown next to the field, nothing is stored.
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("E-mail hoặc số điện thoại").fill("0905")
    page.get_by_label("Chủ đề").select_option("programme")
    page.get_by_label("Câu hỏi hoặc yêu cầu của bạn").fill("Hội thảo AI có phiên dịch tiếng Anh không?")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Gửi yêu cầu").click()
    expect(page.get_by_text("Số điện thoại này có vẻ chưa đúng")).to_be_visible()
    assert SupportRequest.objects.count() == 0
    assert axe_violations(page) == []
    page.get_by_label("E-mail hoặc số điện thoại").fill("0905 123 456")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Gửi yêu cầu").click()
    page.wait_for_url("**/vi/ho-tro/?sent=HT-*")
    assert page.get_by_role("status").inner_text().startswith("Cảm ơn bạn!")
    request = SupportRequest.objects.get()
    assert (request.name, request.phone, request.topic) == ("Nguyễn Thị Hoa", "+84905123456", "programme")
    assert len(mail.outbox) == 1
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_reading_the_news_column_a_standard_page_and_a_missing_page(live_server, page):
    from tests.factories.content import NewsIndexPageFactory, StandardPageFactory

    home = _site()
    index = NewsIndexPageFactory._meta.model.objects.get(locale__language_code="vi")
    StandardPageFactory(
        parent=home,
        title="Địa điểm",
        slug="dia-diem",
        body=[
            ("heading", {"text": "Đường đến hội trường", "level": "h2"}),
            ("quote", {"quote": "Người dân là trung tâm.", "attribution": "Ban tổ chức"}),
            (
                "table",
                {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Phòng",
                    "data": [["Phòng", "Sức chứa"], ["Hội trường A", "800"]],
                },
            ),
            ("call_to_action", {"text": "Đọc tin", "page": index, "url": "", "style": "primary"}),
        ],
    )
    page.goto(f"{live_server.url}/vi/tin-tuc/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Câu chuyện thành công").first.click()
    page.wait_for_url("**/vi/tin-tuc/?category=success_story")
    page.locator(".article-card a").first.click()
    page.wait_for_url("**/vi/tin-tuc/hai-chau/")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/vi/dia-diem/")
    expect(page.get_by_role("table")).to_be_visible()
    assert axe_violations(page) == []
    response = page.goto(f"{live_server.url}/en/no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert axe_violations(page) == []
