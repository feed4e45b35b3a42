"""What the venue map shows: an event's floor plans with its rooms, booths, exhibitors and "you are here"
points, and which booths match a search. A fixed number of queries whatever the number of booths."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from events.models import EventPage, FloorPlan, MapPoint, Room
from events.models.venue import with_label
from exhibitors import queries
from exhibitors.models import (
    HOLDING_STATUSES,
    Booth,
    BoothStatus,
    ExhibitorApplication,
    booth_status,
)
from exhibitors.search import fold, search_terms

# One colour per sector on the map (a legend gives each its name; numbers are printed on the booths,
# so nothing depends on telling colours apart).
SECTOR_COLOURS = {
    "smart_city": "#0b5cad",
    "e_government": "#6a3d9a",
    "fintech": "#1b7f3b",
    "edtech": "#b35806",
    "healthtech": "#c51b7d",
    "agritech": "#4d7c0f",
    "tourism": "#00788a",
    "logistics": "#7f4f24",
    "cybersecurity": "#3f3f46",
    "ai_data": "#1d4ed8",
    "iot": "#9a3412",
    "ecommerce": "#be123c",
}
FREE_COLOUR = "#ffffff"
MAX_MATCHED_PRODUCTS = 30


@dataclass
class PlanView:
    plan: FloorPlan
    booths: list = field(default_factory=list)
    rooms: list = field(default_factory=list)
    points: list = field(default_factory=list)

    @property
    def marker(self):
        """The radius of a "you are here" point, in the plan's units."""
        return max(self.plan.width, self.plan.height) // 80 or 1


def plans_with_points():
    return FloorPlan.objects.prefetch_related(Prefetch("points", queryset=MapPoint.objects.order_by("id")))


def decorate(booths, holders):
    """Give each booth its status, its (public) exhibitor and its fill colour, for templates and the API."""
    for booth in booths:
        application = holders.get(booth.pk)
        booth.status = booth_status(application.status if application else None)
        exhibitor = application.exhibitor if application else None
        booth.exhibitor = exhibitor if exhibitor is not None and exhibitor.is_public else None
        booth.colour = (
            SECTOR_COLOURS.get(booth.exhibitor.sector, FREE_COLOUR) if booth.exhibitor else FREE_COLOUR
        )
    return booths


def holders_of(booth_filter):
    """{booth id: the application holding it}, with its exhibitor (one query)."""
    applications = ExhibitorApplication.objects.filter(
        booth_filter, booth__isnull=False, status__in=HOLDING_STATUSES
    ).select_related("exhibitor")
    return {application.booth_id: application for application in applications}


def event_map(event: EventPage, query: str = ""):
    """Everything the map page of one (source) event shows."""
    plans = list(plans_with_points().filter(event=event))
    booths = decorate(
        list(Booth.objects.filter(event=event).order_by("hall", "number", "id")), holders_of(Q(event=event))
    )
    rooms = list(Room.objects.filter(event=event).order_by("sort_order", "id"))
    by_plan = {plan.pk: PlanView(plan=plan, points=list(plan.points.all())) for plan in plans}
    for booth in booths:
        if booth.is_placed and booth.floor_plan_id in by_plan:
            by_plan[booth.floor_plan_id].booths.append(with_label(booth, booth.number))
    for room in rooms:
        if room.is_placed and room.floor_plan_id in by_plan:
            by_plan[room.floor_plan_id].rooms.append(with_label(room, room.name))
    matches, products = search(event, booths, query) if query else (set(), [])
    for booth in booths:
        booth.is_match = booth.pk in matches
    return {
        "plans": list(by_plan.values()),
        "booths": booths,
        "rooms": rooms,
        "matches": [booth for booth in booths if booth.is_match],
        "matched_products": products,
        "sectors": sectors_shown(booths),
        "statuses": BoothStatus,
    }


def search(event, booths, query):
    """Booths whose number, exhibitor or published products match the query (accents ignored)."""
    terms = search_terms(query)
    if not terms:
        return set(), []
    exhibitor_ids = {booth.exhibitor.pk for booth in booths if booth.exhibitor}
    # Words that start with the term ("tom" finds "tôm", not "custom"): the catalogue's LIKE, anchored.
    product_query = Q()
    exhibitor_query = Q()
    for term in terms:
        product_query &= Q(search_text__startswith=term) | Q(search_text__contains=f" {term}")
        exhibitor_query &= Q(exhibitor__search_text__startswith=term) | Q(
            exhibitor__search_text__contains=f" {term}"
        )
    products = list(
        queries.published_products()
        .filter(exhibitor_id__in=exhibitor_ids)
        .filter(product_query | exhibitor_query)
        .select_related("exhibitor")
        .order_by("name_vi", "id")[:MAX_MATCHED_PRODUCTS]
    )
    found = {product.exhibitor_id for product in products}
    matches = set()
    for booth in booths:
        texts = [f" {fold(booth.hall)} {fold(booth.number)}"]
        if booth.exhibitor:
            texts.append(f" {booth.exhibitor.search_text}")
        if (booth.exhibitor and booth.exhibitor.pk in found) or any(
            all(f" {term}" in text for term in terms) for text in texts
        ):
            matches.add(booth.pk)
    booth_of = {booth.exhibitor.pk: booth for booth in booths if booth.exhibitor}
    for booth in booths:
        booth.matched_products = []
    for product in products:
        if product.exhibitor_id in booth_of:
            booth_of[product.exhibitor_id].matched_products.append(product)
    return matches, products


def sectors_shown(booths):
    seen = {}
    for booth in booths:
        if booth.exhibitor and booth.exhibitor.sector not in seen:
            seen[booth.exhibitor.sector] = booth.exhibitor.get_sector_display()
    return [
        {"key": key, "label": label, "colour": SECTOR_COLOURS.get(key, FREE_COLOUR)}
        for key, label in sorted(seen.items(), key=lambda item: str(item[1]))
    ]


def booth_maps(applications):
    """For a product or exhibitor page: each held booth that is drawn on a plan, with its plan and the
    other booths of that plan as the background (three queries whatever the number of booths)."""
    placed = [a.booth for a in applications if a.booth is not None and a.booth.is_placed]
    if not placed:
        return []
    plans = {plan.pk: plan for plan in FloorPlan.objects.filter(pk__in={b.floor_plan_id for b in placed})}
    neighbours = {}
    for booth in Booth.objects.filter(floor_plan_id__in=plans).only(
        "id", "hall", "number", "floor_plan", "x", "y", "width", "height"
    ):
        neighbours.setdefault(booth.floor_plan_id, []).append(booth)
    result = []
    for application in applications:
        booth = application.booth
        if booth is None or not booth.is_placed:
            continue
        result.append(
            {
                "event": application.event,
                "booth": with_label(booth, booth.number),
                "plan": plans[booth.floor_plan_id],
                "others": [b for b in neighbours.get(booth.floor_plan_id, []) if b.pk != booth.pk],
            }
        )
    return result
