"""The home page's <title> is the site's name once, not the page's name followed by the site's."""

import re

import pytest

pytestmark = pytest.mark.django_db


def title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_the_home_page_title_names_the_site_once(client, site_pages):
    assert title(client.get("/vi/")) == "Ngày Chuyển đổi số Đà Nẵng"
    assert title(client.get("/en/")) == "Da Nang Digital Transformation Day"


def test_an_seo_title_set_by_the_editor_wins(client, site_pages):
    home, _ = site_pages
    home.seo_title = "Ngày hội số của thành phố"
    home.save_revision().publish()
    assert title(client.get("/vi/")) == "Ngày hội số của thành phố"
