"""Reusable querysets of the catalogue and directory (shared by pages, the API and exports)."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language

from events.models import EventPage
from exhibitors.models import (
    HOLDING_STATUSES,
    Exhibitor,
    ExhibitorApplication,
    Product,
    ProductImage,
)
from exhibitors.search import search_terms, words_begin

CARD_RENDITION = "fill-480x320"
GALLERY_RENDITION = "max-960x720"
THUMB_RENDITION = "fill-160x120"
LOGO_RENDITION = "max-240x120"


def gallery_prefetch():
    """Product images with their Wagtail image and its renditions, so templates add no query per card."""
    return Prefetch(
        "images",
        queryset=ProductImage.objects.select_related("image").prefetch_related("image__renditions"),
    )


def published_products():
    return Product.objects.published().filter(exhibitor__is_public=True)


def search_products(queryset, query):
    """Products whose text has a word beginning with each word of `query` (as the site search does)."""
    return queryset.filter(words_begin("search_text", search_terms(query)))


def search_exhibitors(queryset, query):
    return queryset.filter(words_begin("search_text", search_terms(query)))


def filter_catalogue(queryset, data):
    """Apply the catalogue filters (a CatalogueFilterForm's cleaned_data, or API query parameters)."""
    if data.get("q"):
        queryset = search_products(queryset, data["q"])
    for field in ("category", "sector", "maturity"):
        if data.get(field):
            queryset = queryset.filter(**{field: data[field]})
    if data.get("verified"):
        queryset = queryset.filter(is_verified_make_in_danang=True)
    if data.get("award"):
        queryset = queryset.exclude(awards="")
    if data.get("event"):
        exhibitor_ids = ExhibitorApplication.objects.filter(
            event_id=data["event"], status__in=HOLDING_STATUSES
        ).values("exhibitor_id")
        queryset = queryset.filter(exhibitor_id__in=exhibitor_ids)
    if data.get("exhibitor"):
        queryset = queryset.filter(exhibitor__slug=data["exhibitor"])
    return queryset


def catalogue_events():
    """Source (vi) events that have exhibitors, titled in the visitor's language (two queries)."""
    events = list(
        EventPage.objects.filter(exhibitor_applications__status__in=HOLDING_STATUSES)
        .distinct()
        .order_by("-starts_at")
    )
    language = (get_language() or "vi").split("-")[0]
    if language != "vi" and events:
        titles = dict(
            EventPage.objects.filter(
                translation_key__in=[e.translation_key for e in events], locale__language_code=language
            ).values_list("translation_key", "title")
        )
        for event in events:
            event.title = titles.get(event.translation_key, event.title)
    return events


def current_booths(exhibitor_ids):
    """{exhibitor id: [applications holding a booth at events that have not ended]}."""
    applications = (
        ExhibitorApplication.objects.filter(
            exhibitor_id__in=exhibitor_ids,
            status__in=HOLDING_STATUSES,
            booth__isnull=False,
            event__ends_at__gt=timezone.now(),
        )
        .select_related("booth", "event")
        .order_by("event__starts_at")
    )
    result = {}
    for application in applications:
        result.setdefault(application.exhibitor_id, []).append(application)
    return result


def public_exhibitors():
    return Exhibitor.objects.filter(is_public=True)


def featured_products(limit=6):
    return (
        published_products()
        .filter(is_featured=True)
        .select_related("exhibitor")
        .prefetch_related(gallery_prefetch())
        .order_by("-is_verified_make_in_danang", "-published_at")[:limit]
    )


def featured_exhibitors(limit=6):
    return public_exhibitors().filter(is_featured=True).select_related("logo").order_by("name")[:limit]
