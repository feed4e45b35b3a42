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


def test_demo_feedback_on_the_previous_days_sessions_from_admitted_tickets(site_pages):
    from datetime import timedelta

    from django.utils import timezone

    from participation import queries
    from participation.models import SessionFeedback
    from tests.factories.events import EventPageFactory, SessionFactory
    from tests.factories.registration import TicketFactory, TicketTypeFactory

    start = (timezone.localtime() - timedelta(days=365)).replace(hour=8, minute=0, second=0, microsecond=0)
    event = EventPageFactory(event_type="digital_day", starts_at=start, ends_at=start + timedelta(hours=9))
    sessions = [
        SessionFactory(
            event=event, starts_at=start + timedelta(hours=h), ends_at=start + timedelta(hours=h + 1)
        )
        for h in (1, 3, 5)
    ]
    ticket_type = TicketTypeFactory(event=event)
    for _ in range(12):
        TicketFactory(ticket_type=ticket_type)
    loader.load(scale=1, rng=random.Random(3), log=lambda *a: None)
    feedback = list(SessionFeedback.objects.select_related("ticket__order"))
    assert len(feedback) >= 10
    assert {row.session_id for row in feedback} == {session.pk for session in sessions}
    for row in feedback:
        assert row.session_id in queries.admitted_session_ids(row.ticket)  # the rule holds for the demo too
    loader.load(scale=1, rng=random.Random(4), log=lambda *a: None)
    assert SessionFeedback.objects.count() == len(feedback)
