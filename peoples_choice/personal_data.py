"""The people's choice's place of personal data, declared to `core.personal_data` (peoples_choice/apps.py).

A vote holds no name or e-mail: only which ticket chose which product. The download lists a ticket's
votes. Erasure keeps them: once registration's erasure has emptied the ticket's name and e-mail, the vote
points at a ticket that names nobody, and the published counts stay true.
"""

from django.utils.translation import gettext_lazy as _

from core import personal_data
from peoples_choice.models import Vote


def _vote_rows(person):
    return Vote.objects.filter(ticket_id__in=person.ticket_ids)


def _export_votes(person):
    return [
        {
            "event": vote.round.event.title,
            "category": vote.category,
            "product": vote.product.name_vi,
            "voted_at": vote.updated_at.isoformat(),
        }
        for vote in _vote_rows(person).select_related("round__event", "product").order_by("created_at", "pk")
    ]


def register():
    personal_data.register(
        "peoples_choice.Vote",
        section="peoples_choice_votes",
        title=_("People's choice votes"),
        fields=(),
        rows=_vote_rows,
        export=_export_votes,
        expired=lambda now: Vote.objects.none(),
        kept=_("Your people's choice votes, which name nobody once your ticket is erased: the results."),
    )
