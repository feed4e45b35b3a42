"""The rules of the people's choice: who may vote (a valid ticket of a confirmed order of the round's event),
when (while the round is open), for what (a published Make in DaNang product of that event in the
category), and the counts."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from exhibitors.models import HOLDING_STATUSES, ExhibitorApplication
from exhibitors.queries import published_products
from peoples_choice.models import Vote, VoteRound
from registration.models import OrderStatus, TicketStatus


class VoteRefused(Exception):
    """A vote that cannot be taken; `message` says why, for the voter."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


NOT_A_VALID_TICKET = _("Only a valid ticket of a confirmed registration for this event can vote.")
NOT_OPEN = _("Voting is not open: it is open from %(opens)s to %(closes)s.")
NOT_A_CHOICE = _("Choose one of the products listed for this category.")


def round_for_event(event):
    return VoteRound.objects.filter(event_id=event.pk).first()


def candidates(vote_round):
    """Published Make in DaNang products of the round's event (their company holds a booth there) in its
    categories, with their company: one query."""
    exhibitor_ids = ExhibitorApplication.objects.filter(
        event_id=vote_round.event_id, status__in=HOLDING_STATUSES
    ).values("exhibitor_id")
    return (
        published_products()
        .filter(exhibitor_id__in=exhibitor_ids, category__in=vote_round.categories)
        .select_related("exhibitor")
        .order_by("name_vi", "pk")
    )


def candidates_by_category(vote_round):
    """[(value, label, [products])] for each category of the round, in the catalogue's order."""
    products = list(candidates(vote_round))
    return [
        (value, label, [p for p in products if p.category == value])
        for value, label in vote_round.category_choices
    ]


def ticket_may_vote(ticket, vote_round):
    return (
        ticket.status == TicketStatus.VALID
        and ticket.order.status == OrderStatus.CONFIRMED
        and ticket.order.event_id == vote_round.event_id
    )


def cast_vote(ticket, vote_round, category, product_id, now=None):
    """Record the ticket's choice in the category; voting again replaces it. One statement (an upsert on
    the unique ticket, round and category), so two votes sent at once leave one row. Returns the vote."""
    now = now or timezone.now()
    if not ticket_may_vote(ticket, vote_round):
        raise VoteRefused(NOT_A_VALID_TICKET)
    if not vote_round.is_open(now):
        raise VoteRefused(
            NOT_OPEN
            % {
                "opens": timezone.localtime(vote_round.opens_at).strftime("%H:%M %d/%m/%Y"),
                "closes": timezone.localtime(vote_round.closes_at).strftime("%H:%M %d/%m/%Y"),
            }
        )
    if category not in vote_round.categories:
        raise VoteRefused(NOT_A_CHOICE)
    product = candidates(vote_round).filter(category=category, pk=product_id).first()
    if product is None:
        raise VoteRefused(NOT_A_CHOICE)
    (vote,) = Vote.objects.bulk_create(
        [Vote(round=vote_round, ticket=ticket, category=category, product=product)],
        update_conflicts=True,
        unique_fields=["ticket", "round", "category"],
        update_fields=["product", "updated_at"],
    )
    log(
        instance=vote_round,
        action="peoples_choice.vote_cast",
        data={"ticket": ticket.pk, "category": category, "product": product.pk},
    )
    return vote


def ticket_choices(ticket, vote_round):
    """{category: product id} of the ticket's current votes in the round."""
    return dict(Vote.objects.filter(ticket=ticket, round=vote_round).values_list("category", "product_id"))


def results(vote_round):
    """[(value, label, total, [(product, count)])] per category, most votes first; products nobody chose
    are listed with 0. Two queries whatever the number of products."""
    counts = {
        (row["category"], row["product_id"]): row["votes"]
        for row in Vote.objects.filter(round=vote_round)
        .values("category", "product_id")
        .annotate(votes=Count("pk"))
    }
    rows = []
    for value, label, products in candidates_by_category(vote_round):
        ranked = sorted(
            ((p, counts.get((value, p.pk), 0)) for p in products), key=lambda pc: (-pc[1], pc[0].name)
        )
        rows.append((value, label, sum(c for _p, c in ranked), ranked))
    return rows
