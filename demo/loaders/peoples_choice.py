"""Demo people's choice: the previous Day's exhibitors (confirmed booths there), a vote held during that
Day with its results published, and the votes of a share of its attendees.

Data: demo/data/peoples_choice/. Idempotent: an event that already has a vote is left as it is.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from demo.files import read
from events.models import EventPage
from exhibitors.models import (
    ApplicationStatus,
    BoothPackage,
    Exhibitor,
    ExhibitorApplication,
    Product,
    ProductStatus,
)
from peoples_choice import services
from peoples_choice.models import Vote, VoteRound
from registration.models import OrderStatus, Ticket, TicketStatus


def load(scale, rng, log):
    votes = load_vote(read("peoples_choice", "vote"), rng)
    log(f"  {votes} people's choice votes on the previous Day")


def previous_day():
    return (
        EventPage.objects.filter(
            locale__language_code="vi", event_type="digital_day", ends_at__lt=timezone.now()
        )
        .order_by("-starts_at")
        .first()
    )


def load_vote(data, rng):
    event = previous_day()
    if event is None or VoteRound.objects.filter(event=event).exists():
        return 0
    _exhibit_at(event, data)
    # Open from an hour after the doors open until an hour before they close (at least an hour).
    opens_at = event.starts_at + timedelta(hours=1)
    vote_round = VoteRound.objects.create(
        event=event,
        opens_at=opens_at,
        closes_at=max(event.ends_at - timedelta(hours=1), opens_at + timedelta(hours=1)),
        categories=data["categories"],
        results_published=True,
    )
    by_category = {value: products for value, _label, products in services.candidates_by_category(vote_round)}
    tickets = Ticket.objects.filter(
        order__event=event, order__status=OrderStatus.CONFIRMED, status=TicketStatus.VALID
    ).order_by("pk")
    rows = []
    for ticket in tickets:
        for category, products in by_category.items():
            if products and rng.random() < data["share_of_attendees_voting"]:
                # Earlier products in the list are favoured, so the results have clear winners.
                weights = [len(products) - index for index in range(len(products))]
                product = rng.choices(products, weights=weights)[0]
                voted_at = vote_round.opens_at + timedelta(minutes=rng.randint(0, 60))
                rows.append(
                    Vote(
                        round=vote_round,
                        ticket=ticket,
                        category=category,
                        product=product,
                        created_at=voted_at,
                        updated_at=voted_at,
                    )
                )
    Vote.objects.bulk_create(rows)
    return len(rows)


def _exhibit_at(event, data):
    """Confirmed booths at the previous Day for the first companies with published products."""
    spec = data["package"]
    package, _created = BoothPackage.objects.get_or_create(
        event=event,
        name_vi=spec["vi"],
        defaults={
            "name_en": spec["en"],
            "size": spec["size"],
            "price": spec["price"],
            "count_available": 100,
        },
    )
    with_products = Product.objects.filter(status=ProductStatus.PUBLISHED).values("exhibitor_id")
    exhibitors = Exhibitor.objects.filter(is_public=True, pk__in=with_products).order_by("pk")
    for index, exhibitor in enumerate(exhibitors[: data["exhibitors_at_the_previous_day"]]):
        ExhibitorApplication.objects.get_or_create(
            reference=f"GH-PREV{index:03d}",
            defaults={
                "exhibitor": exhibitor,
                "event": event,
                "package": package,
                "status": ApplicationStatus.CONFIRMED,
                "amount": 0,
                "contact_name": exhibitor.contact_name,
                "contact_email": exhibitor.contact_email,
                "contact_phone": exhibitor.contact_phone,
                "claims_make_in_danang": exhibitor.is_make_in_danang,
                "consent_at": event.first_published_at or timezone.now(),
                "consent_policy_version": settings.PRIVACY_POLICY_VERSION,
            },
        )
