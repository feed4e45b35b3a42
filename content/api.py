"""The API's index (`/api/v1/`) and the site search as JSON (`/api/v1/search/`)."""

from django.core.paginator import InvalidPage
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from content import site_search
from core.api import bad_parameter
from core.links import absolute_url

MAX_PAGE_SIZE = 50


def _endpoints(patterns, prefix=""):
    """(path, url name) of every route without parameters, through includes."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from _endpoints(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groups:
            yield route, pattern.name


class ApiIndexView(APIView):
    """Every `/api/v1/` resource that takes no path parameter, by its path: new endpoints appear here
    as soon as they are routed."""

    @extend_schema(
        tags=["index"],
        operation_id="api_index",
        summary="The API's index: a link to each resource, the schema and its documentation",
        responses={
            200: {
                "type": "object",
                "additionalProperties": {"type": "string", "format": "uri"},
                "example": {
                    "events": "https://example.org/api/v1/events/",
                    "docs": "https://example.org/api/docs/",
                },
            }
        },
    )
    def get(self, request):
        api = get_resolver().namespace_dict["api"][1]
        links = {}
        for route, name in _endpoints(api.url_patterns):
            if route and name != "index":
                links[route.strip("/")] = absolute_url(reverse(f"api:{name}"))
        links["schema"] = absolute_url(reverse("schema"))
        links["docs"] = absolute_url(reverse("api_docs"))
        return Response(links)


class KindCountSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=site_search.KINDS)
    label = serializers.CharField(help_text="The kind's name in the requested language.")
    count = serializers.IntegerField()


class HitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=site_search.KINDS)
    title = serializers.CharField(source="plain_title")
    title_html = serializers.CharField(source="title", help_text="Escaped HTML; matches in <mark>.")
    snippet = serializers.CharField(source="plain_snippet", help_text="Text around the first match.")
    snippet_html = serializers.CharField(source="snippet", help_text="Escaped HTML; matches in <mark>.")
    url = serializers.SerializerMethodField()
    context = serializers.CharField(source="meta", help_text="A session's event, a product's company.")
    starts_at = serializers.DateTimeField(source="when", allow_null=True)

    def get_url(self, hit) -> str:
        return absolute_url(hit.url)


class SearchSerializer(serializers.Serializer):
    query = serializers.CharField()
    terms = serializers.ListField(child=serializers.CharField(), help_text="The folded words searched for.")
    kind = serializers.ChoiceField(choices=site_search.KINDS, allow_null=True)
    count = serializers.IntegerField(help_text="Matches of `kind`, or of every kind without it.")
    counts = KindCountSerializer(many=True, help_text="Matches of each kind, in a fixed order.")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = HitSerializer(
        many=True,
        help_text=f"Without `kind`: the best {site_search.PER_KIND} of each kind, the best kind first. "
        "With `kind`: one page of that kind, best first.",
    )


def _language(request):
    value = request.query_params.get("language")
    if value is None:
        active = (get_language() or "vi")[:2]
        return active if active in ("vi", "en") else "vi"
    if value not in ("vi", "en"):
        bad_parameter("language", "use vi or en")
    return value


def _page_size(request):
    value = request.query_params.get("page_size", str(site_search.PER_PAGE))
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE_SIZE:
        bad_parameter("page_size", f"use a number from 1 to {MAX_PAGE_SIZE}")
    return int(value)


@extend_schema(
    tags=["search"],
    summary="Search everything public: pages, news, events, sessions, speakers, exhibitors, products",
    parameters=[
        OpenApiParameter(
            "q", OpenApiTypes.STR, description='Words to find, accents ignored ("khai mac" finds "Khai mạc").'
        ),
        OpenApiParameter(
            "kind", OpenApiTypes.STR, enum=list(site_search.KINDS), description="Only this kind."
        ),
        OpenApiParameter(
            "language",
            OpenApiTypes.STR,
            enum=["vi", "en"],
            description="Language of pages, titles and links (default: Accept-Language, else vi).",
        ),
        OpenApiParameter("page", OpenApiTypes.INT, description="With `kind`: the page of results."),
        OpenApiParameter(
            "page_size", OpenApiTypes.INT, description=f"With `kind`: results a page (1-{MAX_PAGE_SIZE})."
        ),
    ],
    responses=SearchSerializer,
)
class SearchView(APIView):
    """The site search (`/vi/search/`) as JSON: the same matches, ranking, counts and snippets."""

    def get(self, request):
        params = request.query_params
        language = _language(request)
        per_page = _page_size(request)
        kind = params.get("kind") or None
        if kind is not None and kind not in site_search.KINDS:
            bad_parameter("kind", "use one of " + ", ".join(site_search.KINDS))
        query = params.get("q", "").strip()[: site_search.MAX_QUERY_LENGTH]
        with translation.override(language):
            request.LANGUAGE_CODE = language
            try:
                results = site_search.search(request, query, kind, params.get("page"), per_page, strict=True)
            except InvalidPage as invalid:
                raise NotFound(str(invalid)) from invalid
            page = results.page_obj
            groups = results.shown
            data = {
                "query": query,
                "terms": results.terms,
                "kind": kind,
                "count": page.paginator.count if page else results.total,
                "counts": [
                    {"kind": g.kind, "label": str(g.label), "count": g.count}
                    for g in sorted(results.groups, key=lambda g: site_search.KINDS.index(g.kind))
                ],
                "next": self._link(request, page.next_page_number()) if page and page.has_next() else None,
                "previous": (
                    self._link(request, page.previous_page_number()) if page and page.has_previous() else None
                ),
                "results": HitSerializer([hit for group in groups for hit in group.hits], many=True).data,
            }
        return Response(data)

    @staticmethod
    def _link(request, number):
        params = request.query_params.copy()
        params["page"] = str(number)
        return absolute_url(f"{request.path}?{params.urlencode()}")
