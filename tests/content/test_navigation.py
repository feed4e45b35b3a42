"""Header menu, language switch, footer, and the error pages."""

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import translation

from tests.factories.content import StandardPageFactory, contact_settings, navigation, translate

pytestmark = pytest.mark.django_db


def test_the_menu_shows_each_page_in_the_visitors_language(client, home, news):
    about = StandardPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu")
    translate(about, title="About", slug="about")
    untranslated = StandardPageFactory(parent=home, title="Chỉ tiếng Việt", slug="chi-tieng-viet")
    navigation([about, news[0], untranslated])
    vi = client.get("/vi/gioi-thieu/").content.decode()
    menu = vi.split('class="site-nav"')[1].split("</nav>")[0]
    assert '<a href="/vi/gioi-thieu/" aria-current="page">Giới thiệu</a>' in menu
    assert 'href="/vi/tin-tuc/"' in menu and "Chỉ tiếng Việt" in menu
    en = client.get("/en/").content.decode()
    menu = en.split('class="site-nav"')[1].split("</nav>")[0]
    assert 'href="/en/about/">About</a>' in menu and 'href="/en/news/"' in menu
    assert "Chỉ tiếng Việt" not in menu  # no English version: not in the English menu


def test_an_article_marks_its_section_in_the_menu(client, news):
    from tests.factories.content import ArticlePageFactory

    ArticlePageFactory(parent=news[0], slug="bai-1")
    navigation([news[0]])
    html = client.get("/vi/tin-tuc/bai-1/").content.decode()
    assert '<a href="/vi/tin-tuc/" class="is-active">' in html


def test_language_switch_keeps_the_page_or_falls_back_to_the_home_page(client, home):
    about = StandardPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu")
    translate(about, title="About", slug="about")
    StandardPageFactory(parent=home, title="Chỉ tiếng Việt", slug="chi-tieng-viet")
    assert 'href="/en/about/" hreflang="en"' in client.get("/vi/gioi-thieu/").content.decode()
    assert 'href="/vi/gioi-thieu/" hreflang="vi"' in client.get("/en/about/").content.decode()
    assert 'href="/en/" hreflang="en"' in client.get("/vi/chi-tieng-viet/").content.decode()
    # Views that are not pages keep their path and query string.
    assert 'href="/en/search/?q=s%E1%BB%91" hreflang="en"' in client.get("/vi/search/?q=số").content.decode()


def test_skip_link_and_footer_contact_details(client, home):
    contact_settings(hotline="1022", email="hotro@example.vn", facebook_url="https://facebook.com/dn1022")
    html = client.get("/vi/").content.decode()
    assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html
    footer = html.split('class="site-footer"')[1]
    assert 'href="tel:1022"' in footer and "mailto:hotro@example.vn" in footer
    assert 'href="https://facebook.com/dn1022"' in footer


@pytest.mark.parametrize("language, text", [("vi", "Không tìm thấy trang"), ("en", "Page not found")])
def test_404_in_both_languages(client, site_pages, language, text):
    response = client.get(f"/{language}/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert text in html and f'<html lang="{language}">' in html
    assert f'action="/{language}/search/"' in html


@pytest.mark.parametrize("language, text", [("vi", "Đã có lỗi xảy ra"), ("en", "Something went wrong")])
def test_500_page_renders_without_the_database(language, text, django_assert_num_queries):
    with translation.override(language), django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert text in html and "1022" in html


@override_settings(DEBUG=False)
def test_500_handler_answers_with_the_page(client, site_pages, monkeypatch):
    from core import views

    request = client.get("/vi/").wsgi_request
    response = views.server_error(request)
    assert response.status_code == 500


def test_the_menu_always_leads_to_the_programme_and_the_catalogue(client, home):
    from tests.factories.events import events_index

    index = events_index()
    html = client.get("/vi/").content.decode()
    menu = html.split('class="site-nav"')[1].split("</nav>")[0]
    assert f'href="{index.url}">Sự kiện</a>' in menu
    assert 'href="/vi/catalogue/">Make in DaNang</a>' in menu
    en = client.get("/en/catalogue/").content.decode()
    menu = en.split('class="site-nav"')[1].split("</nav>")[0]
    assert '<a href="/en/catalogue/" aria-current="page">Make in DaNang</a>' in menu
