"""Two votes sent at once for the same ticket and category leave one row (PostgreSQL only)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peoples_choice import services
from peoples_choice.models import Vote, VoteRound
from tests.factories.events import EventPageFactory
from tests.peoples_choice.conftest import exhibiting_products, make_ticket


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_votes_leave_one_row(home_pages_any_db, run_parallel):
    now = timezone.now()
    event = EventPageFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=6))
    vote_round = VoteRound.objects.create(
        event=event,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1),
        categories=["software"],
    )
    products = exhibiting_products(event, 2)
    ticket = make_ticket(event)
    results = run_parallel(2, lambda i: services.cast_vote(ticket, vote_round, "software", products[i].pk))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Vote.objects.filter(ticket=ticket).count() == 1
    assert Vote.objects.get(ticket=ticket).product_id in {products[0].pk, products[1].pk}
