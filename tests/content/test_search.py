"""Accent-insensitive site search over pages: folding, highlighting, the page index and its upkeep.

The search over every kind (sessions, speakers, products...) is tested in test_search_everything.py.
"""

import unicodedata

import pytest
from django.test import RequestFactory
from django.utils import translation

from content import site_search
from content.models import SearchText
from content.search import fold, highlight, words
from tests.factories.content import ArticlePageFactory, StandardPageFactory, translate


def find(query, kind="news", language="vi"):
    """The pages of one kind that the site search finds for `query`, best first."""
    request = RequestFactory().get("/")
    request.LANGUAGE_CODE = language
    with translation.override(language):
        results = site_search.search(request, query, kind, per_page=100)
    return [hit for group in results.shown for hit in group.hits]


def titles(hits):
    return [hit.plain_title for hit in hits]


def test_fold_removes_vietnamese_diacritics_from_nfc_and_nfd_text():
    text = "Chuyển Đổi Số ở Đà Nẵng"
    assert fold(text) == "chuyen doi so o da nang"
    assert fold(unicodedata.normalize("NFD", text)) == "chuyen doi so o da nang"
    assert fold("Hội An, Tam Kỳ, Quảng Nam") == "hoi an, tam ky, quang nam"
    assert words("  Ứng dụng—AI!  ") == ["ung", "dung", "ai"]
    # One character in, one character out: highlighting relies on it.
    sample = unicodedata.normalize("NFC", "Người dân ơi, đường dây nóng")
    assert len(fold(sample)) == len(sample)


def test_highlight_marks_matches_in_the_original_text():
    html = highlight("Ngày Chuyển đổi số của thành phố; chăm sóc khách hàng", ["chuyen", "so"])
    assert "<mark>Chuyển</mark>" in html
    assert "<mark>số</mark>" in html
    assert "<mark>só" not in html  # whole words win over word beginnings
    assert "<script>" not in highlight("<script>alert(1)</script> số", ["so"])


@pytest.mark.django_db
def test_search_without_accents_finds_pages_with_them(client, news, home):
    index, _ = news
    article = ArticlePageFactory(parent=index, title="Ngày Chuyển đổi số năm nay", slug="ngay-cds")
    ArticlePageFactory(parent=index, title="Lịch tập huấn", slug="tap-huan", intro="Học dùng điện thoại.")
    StandardPageFactory(
        parent=home, title="Giới thiệu", slug="gioi-thieu", intro="Về chuyển đổi số ở Đà Nẵng"
    )
    assert site_search.query_terms("chuyen doi so") == ["chuyen", "doi", "so"]
    news = titles(find("chuyen doi so"))
    assert news == [article.title]
    pages = titles(find("chuyen doi so", "pages"))
    # The phrase in a title first: the home page and the column are pages too.
    assert set(pages[:2]) == {"Ngày Chuyển đổi số", "Chuyên mục chuyển đổi số"}
    assert pages[2:] == ["Giới thiệu"]
    # Accents in the query, NFD input, and capitals give the same answer.
    assert titles(find("Chuyển Đổi Số", "pages")) == pages
    assert titles(find(unicodedata.normalize("NFD", "chuyển đổi số"), "pages")) == pages
    # And through the page, with the match highlighted.
    response = client.get("/vi/search/", {"q": "chuyen doi so"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>Chuyển</mark> <mark>đổi</mark> <mark>số</mark>" in html
    assert "Lịch tập huấn" not in html


@pytest.mark.django_db
def test_search_stays_in_the_visitors_language_and_skips_unpublished_pages(client, news):
    index, _ = news
    article = ArticlePageFactory(parent=index, title="Dịch vụ công trực tuyến", slug="dvc")
    translate(article, title="Online public services", slug="online-services")
    draft = ArticlePageFactory(parent=index, title="Dịch vụ công bản nháp", slug="nhap")
    draft.unpublish()
    vi = client.get("/vi/search/?q=dich+vu+cong").content.decode()
    assert 'href="/vi/tin-tuc/dvc/"' in vi
    assert "/vi/tin-tuc/nhap/" not in vi
    en = client.get("/en/search/?q=public+services").content.decode()
    assert 'href="/en/news/online-services/"' in en and "/vi/tin-tuc/dvc/" not in en
    assert "online-services" not in client.get("/vi/search/?q=public+services").content.decode()


@pytest.mark.django_db
def test_search_indexes_edits_tags_and_forgets_deleted_pages(news):
    index, _ = news
    article = ArticlePageFactory(
        parent=index, title="Tin ngắn", slug="tin-ngan", tags=["Thành phố thông minh"]
    )
    assert titles(find("thanh pho thong minh")) == ["Tin ngắn"]
    article.title = "Bến cảng số"
    article.save_revision().publish()
    assert titles(find("ben cang")) == ["Bến cảng số"]
    article.delete()
    assert find("ben cang") == []


@pytest.mark.django_db
def test_search_page_handles_empty_odd_and_paginated_queries(client, news):
    index, _ = news
    for n in range(site_search.PER_PAGE + 1):
        ArticlePageFactory(parent=index, title=f"Hội thảo số {n}", slug=f"hoi-thao-{n}")
    assert client.get("/vi/search/").status_code == 200
    assert client.get("/vi/search/?q=%25%27%22%3B--").status_code == 200
    assert client.get("/vi/search/?q=" + "a" * 5000).status_code == 200
    everything = client.get("/vi/search/?q=hoi+thao").content.decode()
    assert "21 kết quả" in everything
    # Five of a kind, and a link to all of them.
    assert everything.count('class="result-title"') == site_search.PER_KIND
    assert '<a href="?q=hoi%20thao&amp;kind=news">Xem tất cả 21 kết quả: Tin tức</a>' in everything
    first = client.get("/vi/search/?q=hoi+thao&kind=news").content.decode()
    assert first.count('class="result-title"') == site_search.PER_PAGE
    assert "q=hoi%20thao&amp;kind=news&amp;page=2" in first
    second = client.get("/vi/search/?q=hoi+thao&kind=news&page=2").content.decode()
    assert second.count('class="result-title"') == 1
    assert client.get("/vi/search/?q=hoi+thao&kind=news&page=99").status_code == 200
    assert client.get("/vi/search/?q=hoi+thao&kind=news&page=x").status_code == 200


def test_fast_fold_matches_fold():
    from content.search import fast_fold

    sample = "Chuyển Đổi Số · Hội An · Tam Kỳ · Ærø · İstanbul · Ñandú · Quảng Nam ỨNG DỤNG ỹ"
    assert fast_fold(sample) == fold(sample)


@pytest.mark.django_db
def test_the_index_and_snippets_hold_no_block_labels(client, home):
    page = StandardPageFactory(
        parent=home,
        title="Ngày 10 tháng 10",
        slug="ngay-10-10",
        body=[
            ("heading", {"text": "Vì sao có Ngày Chuyển đổi số", "level": "h2"}),
            ("paragraph", "<p>Mỗi người dân có một danh tính số.</p>"),
        ],
    )
    page.save_revision().publish()
    body = SearchText.objects.get(page=page).body
    assert "Vì sao có Ngày Chuyển đổi số" in body
    assert "(h2)" not in body and "Mục" not in body and "Section" not in body
    html = client.get("/vi/search/?q=danh+tinh+so").content.decode()
    assert "<mark>danh</mark> <mark>tính</mark> <mark>số</mark>" in html
    assert "(h2)" not in html
