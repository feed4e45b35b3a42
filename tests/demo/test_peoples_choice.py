"""The people's-choice demo: a published vote on the previous Day, with its exhibitors and its attendees'
votes; loading again changes nothing."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from demo.files import read
from demo.loaders import peoples_choice as loader
from peoples_choice import services
from peoples_choice.models import Vote, VoteRound
from tests.factories.events import EventPageFactory
from tests.factories.exhibitors import ProductFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


def test_demo_vote_with_results_on_the_previous_day(site_pages):
    start = timezone.now() - timedelta(days=30)
    event = EventPageFactory(event_type="digital_day", starts_at=start, ends_at=start + timedelta(hours=9))
    for category in ("software", "software", "hardware", "data"):
        ProductFactory(category=category)
    ticket_type = TicketTypeFactory(event=event)
    tickets = [TicketFactory(ticket_type=ticket_type) for _ in range(20)]
    data = read("peoples_choice", "vote")

    votes = loader.load_vote(data, random.Random(1))
    vote_round = VoteRound.objects.get(event=event)
    assert vote_round.results_published and vote_round.closes_at <= event.ends_at
    assert votes == Vote.objects.count() > 10
    assert set(Vote.objects.values_list("ticket_id", flat=True)) <= {t.pk for t in tickets}
    results = services.results(vote_round)
    assert {value for value, _label, total, _ranked in results if total} == {"software", "hardware", "data"}
    assert loader.load_vote(data, random.Random(1)) == 0
    assert Vote.objects.count() == votes
