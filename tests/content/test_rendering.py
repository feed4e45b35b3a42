"""Numbers written for machines are never localised (issue 13): USE_THOUSAND_SEPARATOR made an image
1200 pixels wide read width="1.200" in Vietnamese and width="1,200" in English, a dot on screen."""

import re

import pytest

from tests.factories.content import ArticlePageFactory, translate
from tests.factories.images import make_image

pytestmark = pytest.mark.django_db


def test_image_sizes_are_plain_digits_in_both_languages(client, news):
    index, _index_en = news
    article = ArticlePageFactory(parent=index, image=make_image(size=(1600, 1000)))
    article.save_revision().publish()
    article_en = translate(article, title="A digital transformation story", slug="story")
    for url in (article.url, article_en.url):
        html = client.get(url).content.decode()
        sizes = re.findall(r'<img [^>]*width="([^"]*)" height="([^"]*)"', html)
        assert ("1200", "750") in sizes, (url, sizes)
        assert not re.search(r'(width|height)="\d+[.,]\d', html), url
