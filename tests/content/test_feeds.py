"""RSS and Atom feeds of the news column, one per language."""

import xml.etree.ElementTree as ET  # noqa: S405 (parsing our own output)

import pytest

from tests.factories.content import ArticlePageFactory, translate

pytestmark = pytest.mark.django_db


def test_rss_and_atom_feeds_list_articles_in_the_visitors_language(client, news):
    index, _ = news
    article = ArticlePageFactory(
        parent=index, title="Đường dây nóng 1022", slug="duong-day-nong", intro="Tóm tắt"
    )
    translate(article, title="The 1022 hotline", slug="hotline", intro="Summary")
    rss = client.get("/vi/feeds/news/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")  # noqa: S314
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Đường dây nóng 1022"]
    assert items[0].findtext("link") == "http://testserver/vi/tin-tuc/duong-day-nong/"
    assert items[0].findtext("category") in ("Tin tức", "News")
    atom = client.get("/en/feeds/news/atom/")
    assert atom.status_code == 200 and atom["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ET.fromstring(atom.content).findall("a:entry", ns)  # noqa: S314
    assert [entry.findtext("a:title", namespaces=ns) for entry in entries] == ["The 1022 hotline"]


def test_feeds_work_before_there_is_a_news_column(client, site_pages):
    assert client.get("/vi/feeds/news/rss/").status_code == 200
    assert client.get("/en/feeds/news/atom/").status_code == 200


def test_every_page_links_the_feeds(client, site_pages):
    html = client.get("/vi/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/vi/feeds/news/rss/"' in html
