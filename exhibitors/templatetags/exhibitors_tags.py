"""Showcase pieces other apps' templates include: home page, event page, session page."""

from django import template

from exhibitors import queries, venue_map
from exhibitors.models import HOLDING_STATUSES

register = template.Library()


@register.simple_tag
def featured_showcase(products=6, exhibitors=8):
    """Featured products and exhibitors for the home page (a fixed number of queries)."""
    return {
        "products": list(queries.featured_products(products)),
        "exhibitors": list(queries.featured_exhibitors(exhibitors)),
    }


@register.simple_tag
def event_showcase(page, limit=6):
    """The exhibitors of an event (any language's page) and some of their products."""
    event = getattr(page, "source_event", page)
    exhibitor_ids = event.exhibitor_applications.filter(status__in=HOLDING_STATUSES).values("exhibitor_id")
    exhibitors = list(queries.public_exhibitors().filter(pk__in=exhibitor_ids).order_by("name"))
    products = list(
        queries.published_products()
        .filter(exhibitor_id__in=[e.pk for e in exhibitors])
        .select_related("exhibitor")
        .prefetch_related(queries.gallery_prefetch())
        .order_by("-is_featured", "-is_verified_make_in_danang", "-published_at")[:limit]
    )
    has_map = event.floor_plans.exists()
    return {"event_id": event.pk, "exhibitors": exhibitors, "products": products, "has_map": has_map}


@register.simple_tag
def session_products(session):
    """Published products demonstrated in a session."""
    return list(
        queries.published_products().filter(sessions=session).select_related("exhibitor").order_by("name_vi")
    )


@register.simple_tag
def booth_maps(applications):
    """Small maps of the booths these applications hold, each with its plan (a fixed number of queries)."""
    return venue_map.booth_maps(applications)
