import pytest

from tests.e2e.conftest import axe_violations


@pytest.mark.django_db(transaction=True)
def test_home_page_in_a_browser_is_accessible(live_server, page):
    from tests.factories.content import make_home_pages

    make_home_pages()
    page.goto(f"{live_server.url}/vi/")
    assert page.locator("h1").inner_text() == "Ngày Chuyển đổi số"
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page) == []
