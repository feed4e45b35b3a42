"""The people's-choice box on a ticket page (registration/ticket.html includes it)."""

from django import template
from django.utils import timezone

from peoples_choice import services

register = template.Library()


@register.inclusion_tag("peoples_choice/includes/ticket_vote.html", takes_context=True)
def peoples_choice_vote(context, ticket, token):
    """While the event's round is open and the ticket may vote: a form per category with its candidates
    and the ticket's current choice. Three queries whatever the number of products."""
    vote_round = services.round_for_event(ticket.order.event)
    if vote_round is None or not services.ticket_may_vote(ticket, vote_round):
        return {"round": None}
    now = timezone.now()
    request = context.get("request")
    chosen = services.ticket_choices(ticket, vote_round)
    categories = [
        {"value": value, "label": label, "products": products, "chosen": chosen.get(value)}
        for value, label, products in services.candidates_by_category(vote_round)
        if products
    ]
    return {
        "round": vote_round,
        "is_open": vote_round.is_open(now),
        "not_yet": now < vote_round.opens_at,
        "categories": categories,
        "ticket": ticket,
        "token": token,
        "voted": request is not None and request.GET.get("voted") == "1",
    }
