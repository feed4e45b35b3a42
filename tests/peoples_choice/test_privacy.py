"""A ticket's votes are in the attendee's download; erasure keeps them (the counts stay true) while the
ticket they point at no longer names anyone."""

import pytest

from peoples_choice import services
from peoples_choice.models import Vote
from registration.services.privacy import download_personal_data, erase_personal_data

pytestmark = pytest.mark.django_db


def test_download_lists_the_votes_and_erasure_keeps_them_anonymous(vote_round, products, ticket):
    services.cast_vote(ticket, vote_round, "software", products[0].pk)
    services.cast_vote(ticket, vote_round, "hardware", products[2].pk)
    votes = download_personal_data(ticket.order)["peoples_choice_votes"]
    assert sorted((v["category"], v["product"]) for v in votes) == [
        ("hardware", products[2].name_vi),
        ("software", products[0].name_vi),
    ]

    erase_personal_data(ticket.order)
    ticket.refresh_from_db()
    assert ticket.attendee_name == "" and ticket.email == ""
    assert Vote.objects.filter(ticket=ticket).count() == 2
    assert services.results(vote_round)[0][2] == 1
