"""The participation demo: ratings on most articles with moderated comments, questions at past sessions;
a second run adds nothing."""

import random

import pytest

from demo.loaders import participation as loader
from participation.models import ArticleRating, Moderation, Question
from tests.factories.content import ArticlePageFactory, NewsIndexPageFactory
from tests.participation.conftest import past_session, running_session  # noqa: F401

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_covers_every_moderation_state(site_pages, past_session, running_session):  # noqa: F811
    news = NewsIndexPageFactory(parent=site_pages[0])
    articles = [ArticlePageFactory(parent=news) for _ in range(10)]
    loader.load(scale=1, rng=random.Random(3), log=lambda *a: None)
    rated = ArticleRating.objects.values("translation_key").distinct().count()
    assert 5 <= rated <= len(articles)
    assert set(ArticleRating.objects.exclude(comment="").values_list("status", flat=True)) <= set(
        Moderation.values
    )
    assert ArticleRating.objects.filter(comment="", status=Moderation.APPROVED).exists()
    # Questions only at the session that is over, with every vote a row.
    assert set(Question.objects.values_list("session_id", flat=True)) == {past_session.pk}
    for question in Question.objects.all():
        assert question.votes == question.vote_rows.count()
    counts = (ArticleRating.objects.count(), Question.objects.count())
    loader.load(scale=1, rng=random.Random(4), log=lambda *a: None)
    assert (ArticleRating.objects.count(), Question.objects.count()) == counts
