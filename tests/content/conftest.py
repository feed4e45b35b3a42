"""Fixtures for the content app: a small bilingual page tree built with factories."""

import pytest

from tests.factories.content import (
    ArticlePageFactory,
    NewsIndexPageFactory,
    SupportPageFactory,
    contact_settings,
    translate,
)


@pytest.fixture
def home(site_pages):
    return site_pages[0]


@pytest.fixture
def home_en(site_pages):
    return site_pages[1]


@pytest.fixture
def news(site_pages):
    """The vi news index and its en translation."""
    index = NewsIndexPageFactory(parent=site_pages[0])
    index_en = translate(index, title="Digital transformation column", slug="news")
    return index, index_en


@pytest.fixture
def article(news):
    return ArticlePageFactory(parent=news[0])


@pytest.fixture
def support(site_pages):
    contact_settings()
    page = SupportPageFactory(parent=site_pages[0])
    page_en = translate(
        page,
        title="Support",
        slug="support",
        faq=[("question", {"question": "Is it free?", "answer": "<p>Mostly, yes.</p>"})],
    )
    return page, page_en


@pytest.fixture
def make_articles(news):
    def make(count, **kwargs):
        return [ArticlePageFactory(parent=news[0], **kwargs) for _ in range(count)]

    return make
