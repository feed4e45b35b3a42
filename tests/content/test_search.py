"""Accent-insensitive site search: the same results on SQLite and PostgreSQL."""

import unicodedata

import pytest
from wagtail.models import Locale

from content.search import fold, highlight, search_pages, words
from tests.factories.content import ArticlePageFactory, StandardPageFactory, translate


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
    vi = Locale.objects.get(language_code="vi")
    results, terms = search_pages("chuyen doi so", vi)
    assert terms == ["chuyen", "doi", "so"]
    titles = [result.page.title for result in results]
    assert set(titles[:3]) == {
        article.title,
        "Ngày Chuyển đổi số",
        "Chuyên mục chuyển đổi số",
    }  # phrase in title
    assert "Giới thiệu" in titles
    assert "Lịch tập huấn" not in titles
    # Accents in the query, NFD input, and capitals give the same answer.
    assert [r.page.pk for r in search_pages("Chuyển Đổi Số", vi)[0]] == [r.page.pk for r in results]
    nfd = unicodedata.normalize("NFD", "chuyển đổi số")
    assert [r.page.pk for r in search_pages(nfd, vi)[0]] == [r.page.pk for r in results]
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
    vi = Locale.objects.get(language_code="vi")
    assert search_pages("thanh pho thong minh", vi)[0][0].page.pk == article.pk
    article.title = "Bến cảng số"
    article.save_revision().publish()
    assert search_pages("ben cang", vi)[0][0].page.pk == article.pk
    article.delete()
    assert search_pages("ben cang", vi)[0] == []


@pytest.mark.django_db
def test_search_page_handles_empty_odd_and_paginated_queries(client, news):
    index, _ = news
    for n in range(12):
        ArticlePageFactory(parent=index, title=f"Hội thảo số {n}", slug=f"hoi-thao-{n}")
    assert client.get("/vi/search/").status_code == 200
    assert client.get("/vi/search/?q=%25%27%22%3B--").status_code == 200
    assert client.get("/vi/search/?q=" + "a" * 5000).status_code == 200
    first = client.get("/vi/search/?q=hoi+thao").content.decode()
    assert "12 kết quả" in first or "12 results" in first
    assert "page=2" in first
    assert client.get("/vi/search/?q=hoi+thao&page=2").status_code == 200
    assert client.get("/vi/search/?q=hoi+thao&page=99").status_code == 200
    assert client.get("/vi/search/?q=hoi+thao&page=x").status_code == 200


def test_fast_fold_matches_fold():
    from content.search import fast_fold

    sample = "Chuyển Đổi Số · Hội An · Tam Kỳ · Ærø · İstanbul · Ñandú · Quảng Nam ỨNG DỤNG ỹ"
    assert fast_fold(sample) == fold(sample)
