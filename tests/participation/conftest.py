"""Fixtures for participation: an article (vi + en), and a session that is running now."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.content import ArticlePageFactory, NewsIndexPageFactory, translate
from tests.factories.events import EventPageFactory, SessionFactory

BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
)


@pytest.fixture
def client(client):
    """A client that looks like a browser (a request without a User-Agent is treated as a bot)."""
    client.defaults["HTTP_USER_AGENT"] = BROWSER_UA
    return client


@pytest.fixture
def article(site_pages):
    news = NewsIndexPageFactory(parent=site_pages[0])
    translate(news, title="Digital transformation column", slug="news")
    return ArticlePageFactory(parent=news, title="Đà Nẵng số hoá thủ tục", slug="so-hoa-thu-tuc")


@pytest.fixture
def article_en(article):
    return translate(article, title="Da Nang digitises procedures", slug="digitised-procedures")


@pytest.fixture
def running_session(site_pages):
    """A session that started ten minutes ago and ends in half an hour: questions are open."""
    now = timezone.now()
    event = EventPageFactory(starts_at=now - timedelta(hours=2), ends_at=now + timedelta(hours=6))
    return SessionFactory(
        event=event, starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(minutes=30)
    )


@pytest.fixture
def past_session(site_pages):
    now = timezone.now()
    event = EventPageFactory(starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=3, hours=-8))
    return SessionFactory(
        event=event, starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=3, hours=-1)
    )
