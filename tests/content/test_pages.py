"""Every page type: where it may be created, that the admin can create it, that it renders in vi and en."""

import pytest
from wagtail.models import Page

from content.models import ArticlePage, HomePage, NewsIndexPage, StandardPage, SupportPage
from tests.factories.content import ArticlePageFactory, StandardPageFactory, translate

pytestmark = pytest.mark.django_db


def test_page_types_are_creatable_only_where_they_belong(home, news):
    index = news[0]
    assert StandardPage.can_create_at(home)
    assert NewsIndexPage.can_create_at(home) is False  # one news column per home page, and it exists
    assert SupportPage.can_create_at(home)
    assert ArticlePage.can_create_at(index)
    assert not ArticlePage.can_create_at(home)
    assert not StandardPage.can_create_at(index)
    assert not HomePage.can_create_at(home)
    assert HomePage.can_create_at(Page.get_first_root_node()) is False  # one home page per root
    about = StandardPageFactory(parent=home)
    assert StandardPage.can_create_at(about)  # sub-pages of standard pages
    assert set(ArticlePage.allowed_parent_page_models()) == {NewsIndexPage}
    assert ArticlePage.allowed_subpage_models() == []


@pytest.mark.parametrize(
    "model", [StandardPage, NewsIndexPage, SupportPage], ids=lambda model: model.__name__
)
def test_admin_can_create_each_page_type_under_the_home_page(admin_client, home, model):
    url = f"/admin/pages/add/content/{model._meta.model_name}/{home.pk}/"
    assert admin_client.get(url).status_code == 200


def test_admin_creates_an_article_through_the_form(admin_client, news):
    index = news[0]
    url = f"/admin/pages/add/content/articlepage/{index.pk}/"
    response = admin_client.get(url)
    assert response.status_code == 200
    form = {
        "title": "Phường số hoá thủ tục",
        "slug": "phuong-so-hoa",
        "date": "2026-10-10",
        "category": "success_story",
        "intro": "Tóm tắt.",
        "tags": "dịch vụ công, dữ liệu",
        "body-count": "0",
        "action-publish": "publish",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(slug="phuong-so-hoa")
    assert article.live and article.get_parent().pk == index.pk
    assert sorted(tag.name for tag in article.tags.all()) == ["dịch vụ công", "dữ liệu"]


def test_admin_is_in_vietnamese(admin_client, home):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()


def test_standard_page_renders_every_block_in_both_languages(client, home, home_en, news):
    body = [
        ("heading", {"text": "Đường đến hội trường", "level": "h2"}),
        ("paragraph", "<p>Xe buýt dừng <b>trước cổng</b>.</p>"),
        ("quote", {"quote": "Người dân là trung tâm.", "attribution": "Ban tổ chức"}),
        ("call_to_action", {"text": "Đọc tin", "page": news[0], "url": "", "style": "primary"}),
        ("video", {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Video giới thiệu"}),
        (
            "table",
            {
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Phòng",
                "data": [["Phòng", "Sức chứa"], ["Hội trường A", "800"]],
            },
        ),
    ]
    page = StandardPageFactory(parent=home, title="Địa điểm", slug="dia-diem", body=body)
    translate(page, title="Venue", slug="venue")
    vi = client.get("/vi/dia-diem/")
    assert vi.status_code == 200
    html = vi.content.decode()
    assert "<h2>Đường đến hội trường</h2>" in html
    assert "<b>trước cổng</b>" in html
    assert "<blockquote>" in html and "Ban tổ chức" in html
    assert 'href="/vi/tin-tuc/"' in html  # the call to action links to the page in the same language
    assert "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" in html
    assert '<th scope="col">Sức chứa</th>' in html
    en = client.get("/en/venue/")
    assert en.status_code == 200
    assert '<html lang="en">' in en.content.decode()
    assert 'href="/en/news/"' in en.content.decode()  # the CTA follows the visitor's language


def test_news_pages_render_in_both_languages(client, news):
    index, index_en = news
    article = ArticlePageFactory(parent=index, title="Tin chuyển đổi số", slug="tin-1", tags=["dữ liệu"])
    translate(article, title="Digital news", slug="news-1")
    assert client.get("/vi/tin-tuc/").status_code == 200
    assert client.get("/en/news/").status_code == 200
    vi = client.get("/vi/tin-tuc/tin-1/")
    assert vi.status_code == 200 and "Tin chuyển đổi số" in vi.content.decode()
    assert "#dữ liệu" in vi.content.decode()
    en = client.get("/en/news/news-1/")
    assert en.status_code == 200 and "Digital news" in en.content.decode()


def test_support_page_renders_in_both_languages(client, support):
    vi = client.get("/vi/ho-tro/")
    en = client.get("/en/support/")
    assert vi.status_code == 200 and en.status_code == 200
    assert 'href="tel:1022"' in vi.content.decode()
    assert "Vé có mất phí không?" in vi.content.decode()
    assert "Is it free?" in en.content.decode()
    # The FAQ is also given to search engines as schema.org FAQPage data.
    assert '"@type": "FAQPage"' in vi.content.decode()


def test_video_block_accepts_only_youtube_and_vimeo():
    from content.blocks import video_embed_url

    assert (
        video_embed_url("https://youtu.be/dQw4w9WgXcQ")
        == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert video_embed_url("https://vimeo.com/76979871") == "https://player.vimeo.com/video/76979871"
    assert video_embed_url("https://example.com/watch?v=dQw4w9WgXcQ") is None
    assert video_embed_url("https://www.youtube.com/watch?v=<script>") is None


def test_admin_edits_the_home_page_and_the_site_settings(admin_client, home, support):
    from wagtail.models import Site

    assert admin_client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    for name in ("sitecontactsettings", "navigationsettings"):
        response = admin_client.get(f"/admin/settings/content/{name}/{site.pk}/")
        assert response.status_code == 200, name
    response = admin_client.post(
        f"/admin/settings/content/sitecontactsettings/{site.pk}/",
        {"hotline": "1022", "hotline_backup": "0236 383 1022", "email": "hotro@danang.gov.vn"},
    )
    assert response.status_code == 302
    from content.models import SiteContactSettings

    assert SiteContactSettings.for_site(site).email == "hotro@danang.gov.vn"
