"""One search over everything public: what the issue's visitors looked for, grouped by kind with counts,
accents and Unicode forms ignored, title and phrase matches first, nothing unpublished, fixed queries."""

import re
import unicodedata

import pytest
from django.test import RequestFactory
from django.utils import translation

from content import site_search
from events.models import SessionType
from exhibitors.models import ProductStatus
from tests.factories.content import ArticlePageFactory, StandardPageFactory
from tests.factories.events import EventPageFactory, SessionFactory, SpeakerFactory, translate_event
from tests.factories.exhibitors import ExhibitorFactory, ProductFactory

pytestmark = pytest.mark.django_db


def search(query, kind=None, language="vi"):
    request = RequestFactory().get("/")
    request.LANGUAGE_CODE = language
    with translation.override(language):
        return site_search.search(request, query, kind, per_page=50)


def hits(results, kind):
    return [hit.plain_title for group in results.shown if group.kind == kind for hit in group.hits]


def result_links(html):
    return re.findall(r'<h3 class="result-title"><a href="([^"]*)">', html)


@pytest.fixture
def showcase(site_pages):
    event = EventPageFactory(title="Ngày Chuyển đổi số 2027", slug="ngay-cds-2027")
    translate_event(event, "Digital Transformation Day 2027")
    speaker = SpeakerFactory(
        name="Bùi Văn Bình", slug="bui-van-binh", organisation="Sở Khoa học và Công nghệ"
    )
    SessionFactory(
        event=event,
        title_vi="Khai mạc Ngày Chuyển đổi số",
        title_en="Opening of Digital Transformation Day",
        slug="khai-mac",
        abstract_vi="Lãnh đạo thành phố phát biểu khai mạc.",
        abstract_en="City leaders open the Day.",
        speakers=[speaker],
    )
    SessionFactory(event=event, title_vi="Khai phá dữ liệu mạch lạc", slug="khai-pha")
    SessionFactory(event=event, title_vi="Giải lao khai mạc", slug="giai-lao", session_type=SessionType.BREAK)
    draft_event = EventPageFactory(title="Sự kiện nháp", slug="nhap")
    draft_event.unpublish()
    SessionFactory(event=draft_event, title_vi="Khai mạc bản nháp", slug="khai-mac-nhap")
    company = ExhibitorFactory(name="Công ty Thủy sản Xanh", slug="thuy-san-xanh")
    ProductFactory(
        exhibitor=company,
        name_vi="Cảm biến ao nuôi tôm",
        name_en="Shrimp-pond sensors",
        slug="cam-bien-tom",
        description_vi="Đo oxy, pH và nhiệt độ; cảnh báo <b>ngay</b> & sớm qua điện thoại.",
    )
    ProductFactory(
        exhibitor=company,
        name_vi="Nhật ký ao nuôi",
        name_en="Pond logbook",
        slug="nhat-ky",
        description_vi="Ghi chép cho người nuôi tôm.",
    )
    # "tom" only inside words: "automation", "customers", "tomorrow".
    ProductFactory(name_vi="Tự động hoá kho", name_en="Warehouse automation for customers", slug="kho")
    ProductFactory(name_vi="Máy cho tôm ăn", slug="may-cho-tom-an", status=ProductStatus.DRAFT)
    ProductFactory(
        exhibitor=ExhibitorFactory(name="Tôm Hùm Chưa Duyệt", is_public=False),
        name_vi="Robot tôm hùm",
        slug="robot-tom-hum",
    )
    return event


def test_what_visitors_looked_for_is_found(client, showcase):
    html = client.get("/vi/search/", {"q": "bui van binh"}).content.decode()
    assert result_links(html)[0] == "/vi/speakers/bui-van-binh/"
    assert '<h2 id="search-group-speakers">Diễn giả <span class="count">(1)</span></h2>' in html
    assert "<mark>Bùi</mark> <mark>Văn</mark> <mark>Bình</mark>" in html

    html = client.get("/vi/search/", {"q": "tom"}).content.decode()
    # The shrimp (tôm) products, the title match first; not "automation", nor what is not public.
    assert result_links(html) == ["/vi/catalogue/cam-bien-tom/", "/vi/catalogue/nhat-ky/"]
    assert "Cảm biến ao nuôi <mark>tôm</mark>" in html

    html = client.get("/vi/search/", {"q": "khai mac"}).content.decode()
    links = result_links(html)
    assert links[0] == "/vi/su-kien/ngay-cds-2027/sessions/khai-mac/"
    assert "/vi/su-kien/ngay-cds-2027/sessions/khai-pha/" in links  # both words, apart: after
    assert not any("giai-lao" in link or "nhap" in link for link in links)


def test_accents_case_and_unicode_forms_give_the_same_answer(showcase):
    expected = search("khai mac")
    assert expected.counts()["sessions"] == 2
    for query in ["Khai mạc", "KHAI MẠC", unicodedata.normalize("NFD", "khai mạc"), "  khai,  mac!"]:
        results = search(query)
        assert results.counts() == expected.counts(), query
        assert hits(results, "sessions") == hits(expected, "sessions")


def test_results_are_grouped_with_counts_and_filtered_by_kind(client, showcase):
    results = search("thanh pho")  # the session's abstract and the factories' page texts
    assert results.counts()["sessions"] == 1
    html = client.get("/vi/search/", {"q": "ao nuoi"}).content.decode()
    assert '<h2 id="search-group-products">Sản phẩm <span class="count">(2)</span></h2>' in html
    assert 'kind=products" aria-current="page"' not in html
    html = client.get("/vi/search/", {"q": "ao nuoi", "kind": "products"}).content.decode()
    assert 'kind=products" aria-current="page"' in html
    assert sorted(result_links(html)) == ["/vi/catalogue/cam-bien-tom/", "/vi/catalogue/nhat-ky/"]
    html = client.get("/vi/search/", {"q": "khai mac", "kind": "products"}).content.decode()
    assert result_links(html) == []
    assert 'Các phiên <span class="count">(2)</span>' in html  # the other kinds keep their counts


def test_title_and_exact_phrase_first(showcase):
    assert hits(search("tom"), "products") == ["Cảm biến ao nuôi tôm", "Nhật ký ao nuôi"]
    assert hits(search("khai mac"), "sessions") == [
        "Khai mạc Ngày Chuyển đổi số",
        "Khai phá dữ liệu mạch lạc",
    ]


def test_snippets_are_escaped_and_highlighted(client, showcase):
    html = client.get("/vi/search/", {"q": "canh bao"}).content.decode()
    assert "<mark>cảnh</mark> <mark>báo</mark> &lt;b&gt;ngay&lt;/b&gt; &amp; sớm" in html
    assert "<b>ngay</b>" not in html


def test_english_visitors_get_english_titles_and_links(client, showcase):
    html = client.get("/en/search/", {"q": "khai mac"}).content.decode()
    # Under the English page of the event.
    assert result_links(html)[0] == "/en/su-kien/ngay-cds-2027/sessions/khai-mac/"
    assert "Digital Transformation Day 2027" in html
    assert "Opening of Digital Transformation Day" in html
    assert "City leaders open the Day." in html
    html = client.get("/en/search/", {"q": "shrimp pond"}).content.decode()
    assert "<mark>Shrimp</mark>-<mark>pond</mark> sensors" in html


def test_odd_input_is_answered_not_a_500(client, showcase):
    response = client.get("/vi/search/", {"q": "khai mac", "kind": "robots"})
    assert response.status_code == 400
    assert "Hãy chọn một loại trong danh sách, hoặc tất cả." in response.content.decode()
    for query in ["!!! ???", "%_\\", "'; DROP TABLE x; --", "\x00", "a" * 5000]:
        response = client.get("/vi/search/", {"q": query})
        assert response.status_code == 200, query
    assert search("%_").total == 0
    assert search("'\";--").total == 0


def _one_of_each_kind(home, news_index, first, last):
    for n in range(first, last):
        StandardPageFactory(parent=home, title=f"Sông Hàn {n}", slug=f"song-han-{n}")
        ArticlePageFactory(parent=news_index, title=f"Tin Sông Hàn {n}", slug=f"tin-song-han-{n}")
        event = EventPageFactory(title=f"Lễ hội Sông Hàn {n}", slug=f"le-hoi-{n}")
        speaker = SpeakerFactory(name=f"Trần Sông Hàn {n}")
        SessionFactory(event=event, title_vi=f"Phiên Sông Hàn {n}", speakers=[speaker])
        ProductFactory(name_vi=f"Bản đồ Sông Hàn {n}")  # and its exhibitor, "… Sông Hàn {n}"


def test_a_fixed_number_of_queries_whatever_the_number_of_results(client, news, count_queries):
    home = news[0].get_parent()
    _one_of_each_kind(home, news[0], 0, 1)
    urls = ["/vi/search/?q=song+han", "/en/search/?q=song+han", "/vi/search/?q=song+han&kind=sessions"]
    urls.append("/api/v1/search/?q=song+han")
    first = [count_queries(client, url) for url in urls]
    counts = search("song han").counts()
    assert all(counts[kind] == 1 for kind in site_search.KINDS), counts
    _one_of_each_kind(home, news[0], 1, 3)
    assert all(count >= 3 for count in search("song han").counts().values())
    assert [count_queries(client, url) for url in urls] == first
