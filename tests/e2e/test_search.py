"""The site search in a real browser: an unaccented query finds a speaker, a session and a product, grouped
by kind with counts; the kind filter narrows it; axe finds nothing serious."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations


def _showcase():
    from tests.factories.content import make_home_pages
    from tests.factories.events import EventPageFactory, SessionFactory, SpeakerFactory
    from tests.factories.exhibitors import ExhibitorFactory, ProductFactory

    make_home_pages()
    event = EventPageFactory(title="Ngày Chuyển đổi số 2027", slug="ngay-cds-2027")
    speaker = SpeakerFactory(name="Bùi Văn Bình", slug="bui-van-binh", organisation="Sở Nông nghiệp")
    SessionFactory(
        event=event,
        title_vi="Nuôi tôm thông minh với cảm biến",
        slug="nuoi-tom",
        abstract_vi="Người nuôi tôm ở Hòa Vang kể lại một vụ mùa.",
        speakers=[speaker],
    )
    company = ExhibitorFactory(name="Công ty Thủy sản Xanh", slug="thuy-san-xanh")
    for n, name in enumerate(["Cảm biến ao nuôi tôm", "Nhật ký ao tôm", "Máy cho tôm ăn"]):
        ProductFactory(exhibitor=company, name_vi=name, slug=f"tom-{n}", description_vi="Cho người nuôi tôm.")


@pytest.mark.django_db(transaction=True)
def test_an_unaccented_query_finds_everything_grouped_and_filtered(live_server, page):
    _showcase()
    page.goto(f"{live_server.url}/vi/search/")
    form = page.get_by_role("main").get_by_role("search")  # not the header's search box
    form.get_by_label("Tìm trong trang").fill("nuoi tom")
    form.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url("**/vi/search/?q=nuoi+tom*")
    assert page.get_by_role("status").inner_text() == "4 kết quả cho “nuoi tom”."
    groups = page.locator(".search-group h2")
    assert sorted(groups.all_inner_texts()) == ["Các phiên (1)", "Sản phẩm (3)"]
    products = page.get_by_role("region", name="Sản phẩm (3)")
    assert products.locator("mark").first.inner_text() == "nuôi"
    expect(products.get_by_role("link", name="Cảm biến ao nuôi tôm")).to_be_visible()
    assert axe_violations(page) == []

    # Only the products: the filter keeps the other kinds' counts to go back.
    page.get_by_role("navigation", name="Kết quả theo loại").get_by_role("link", name="Sản phẩm (3)").click()
    page.wait_for_url("**kind=products*")
    assert page.locator(".search-group h2").all_inner_texts() == ["Sản phẩm (3)"]
    assert page.locator(".result-title").count() == 3
    assert form.get_by_label("Hiển thị").input_value() == "products"
    assert axe_violations(page) == []

    # The select in the form does the same, and a speaker is found by name without accents.
    form.get_by_label("Tìm trong trang").fill("bui van binh")
    form.get_by_label("Hiển thị").select_option("")
    form.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url("**q=bui+van+binh*")
    page.get_by_role("link", name="Bùi Văn Bình").click()
    page.wait_for_url("**/vi/speakers/bui-van-binh/")
