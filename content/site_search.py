"""One search over everything public: pages, news, events, sessions, speakers, exhibitors and products.

Every kind keeps an accent-folded copy of its text as a word document (`core.text.folded_document`,
` word word `): pages in `SearchText` (content/search.py), the programme's and the showcase's rows in
their own `search_text` column. A query is folded the same way and each of its words must begin a word
of the document (`LIKE '% word%'`), which behaves the same on SQLite and PostgreSQL. Each kind is one
query whatever the data: its matches ranked in SQL (the query as a phrase at the start of the title,
then in the title, then anywhere, then the words apart) with the total counted alongside
(`COUNT(*) OVER ()`). Snippets are cut from the visitor's language and highlighted in Python, on the
few rows shown.
"""

from dataclasses import dataclass, field
from html import unescape

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When, Window
from django.db.models.functions import Length, StrIndex
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Page

from content.models import ArticlePage, SearchText
from content.search import highlight
from core.text import words, words_begin
from events.models import EventPage, Session, SessionType, Speaker
from events.queries import event_pages_by_source
from exhibitors.models import Exhibitor
from exhibitors.queries import published_products

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
PER_KIND = 5  # hits shown per kind when all kinds are shown
PER_PAGE = 20  # hits per page of one kind

KIND_LABELS = {
    "pages": _("Pages"),
    "news": _("News"),
    "events": _("Events"),
    "sessions": _("Sessions"),
    "speakers": _("Speakers"),
    "exhibitors": _("Exhibitors"),
    "products": _("Products"),
}
KINDS = tuple(KIND_LABELS)


class UnknownKind(ValueError):
    message = pgettext_lazy("search", "Choose one of the kinds listed, or all.")


@dataclass
class Hit:
    kind: str
    title: str  # escaped HTML with <mark>s
    snippet: str  # escaped HTML with <mark>s
    url: str
    meta: str = ""  # plain text: the event, the company, the job title
    when: object = None  # a datetime, for events and sessions

    @property
    def plain_title(self):
        return unescape(strip_tags(self.title))

    @property
    def plain_snippet(self):
        return unescape(strip_tags(self.snippet))


@dataclass
class Group:
    kind: str
    count: int
    hits: list = field(default_factory=list)
    best: int = 0  # rank of the best hit, to show the best group first

    @property
    def label(self):
        return KIND_LABELS[self.kind]


@dataclass
class Results:
    query: str
    terms: list
    kind: str | None
    groups: list  # every kind, with its count; hits only for the kinds shown
    page_obj: object = None  # when one kind is shown: Django's Page of its hits

    @property
    def total(self):
        return sum(group.count for group in self.groups)

    @property
    def shown(self):
        return [group for group in self.groups if group.hits]

    def counts(self):
        return {group.kind: group.count for group in self.groups}


def query_terms(query):
    return words((query or "")[:MAX_QUERY_LENGTH])[:MAX_TERMS]


def _rank(document, title_length, terms):
    """4: the phrase begins the title; 3: it is in the title; 2: anywhere; 1: only the words, apart.

    A folded document is never longer than its text plus the spaces around it, so the title of a row
    whose document begins with its title ends by `title_length` characters."""
    phrase = " " + " ".join(terms)
    position = StrIndex(document, Value(phrase))
    return Case(
        When(**{f"{document}__startswith": phrase}, then=Value(4)),
        When(Q(_position__gt=0) & Q(_position__lte=title_length), then=Value(3)),
        When(_position__gt=0, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    ), position


def _ranked(queryset, document, title_length, terms, order):
    rank, position = _rank(document, title_length, terms)
    return (
        queryset.filter(words_begin(document, terms))
        .annotate(_position=position)
        .annotate(rank=rank)
        .order_by("-rank", *order)
    )


# --- the kinds -------------------------------------------------------------------------------------


def _page_rows(terms, language, kind, public):
    # get_for_model is cached for the life of the process.
    news_type = ContentType.objects.get_for_model(ArticlePage).pk
    event_type = ContentType.objects.get_for_model(EventPage).pk
    rows = SearchText.objects.filter(locale__language_code=language, page__in=public)
    if kind == "news":
        rows = rows.filter(page__content_type_id=news_type)
    elif kind == "events":
        rows = rows.filter(page__content_type_id=event_type)
    else:
        rows = rows.exclude(page__content_type_id__in=[news_type, event_type])
    phrase = " " + " ".join(terms)
    rank = Case(
        When(folded_title=phrase + " ", then=Value(5)),
        When(folded_title__startswith=phrase, then=Value(4)),
        When(folded_title__contains=phrase, then=Value(3)),
        When(folded__contains=phrase, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        rows.filter(words_begin("folded", terms))
        .annotate(rank=rank)
        .select_related("page")
        .only("title", "body", "page__url_path")
        .order_by("-rank", Length("title"), "title")
    )


def _page_hits(rows, terms, request):
    return [
        Hit(
            kind="",
            title=highlight(row.title, terms, length=1000),
            snippet=highlight(row.body, terms),
            url=row.page.get_url(request) or "",
        )
        for row in rows
    ]


def _session_rows(terms, language, kind, public):
    sessions = Session.objects.filter(event__live=True).exclude(session_type=SessionType.BREAK)
    title_length = Length("title_vi") + Length("title_en") + 2
    fields = ["slug", "title_vi", "title_en", "abstract_vi", "abstract_en", "starts_at", "event"]
    ranked = _ranked(sessions, "search_text", title_length, terms, ["-starts_at", "id"])
    return ranked.select_related("event").only(
        *fields, "event__title", "event__url_path", "event__translation_key"
    )


def _session_hits(sessions, terms, request):
    pages = event_pages_by_source({session.event for session in sessions}, _language(request))
    hits = []
    for session in sessions:
        page = pages.get(session.event_id, session.event)
        hits.append(
            Hit(
                kind="",
                title=highlight(session.title, terms, length=1000),
                snippet=highlight(session.abstract, terms),
                url=f"{page.get_url(request) or ''}sessions/{session.slug}/",
                meta=page.title,
                when=session.starts_at,
            )
        )
    return hits


def _speaker_rows(terms, language, kind, public):
    return _ranked(Speaker.objects.all(), "search_text", Length("name") + 1, terms, ["name", "id"]).only(
        "name", "slug", "job_title_vi", "job_title_en", "organisation", "bio_vi", "bio_en"
    )


def _speaker_hits(speakers, terms, request):
    return [
        Hit(
            kind="",
            title=highlight(speaker.name, terms, length=1000),
            snippet=highlight(" · ".join(p for p in [speaker.job_title, speaker.organisation] if p), terms),
            url=reverse("events:speaker_detail", args=[speaker.slug]),
        )
        for speaker in speakers
    ]


def _exhibitor_rows(terms, language, kind, public):
    exhibitors = Exhibitor.objects.filter(is_public=True)
    return _ranked(exhibitors, "search_text", Length("name") + 1, terms, ["name", "id"]).only(
        "name", "slug", "description_vi", "description_en", "address"
    )


def _exhibitor_hits(exhibitors, terms, request):
    return [
        Hit(
            kind="",
            title=highlight(exhibitor.name, terms, length=1000),
            snippet=highlight(exhibitor.description or exhibitor.address, terms),
            url=exhibitor.get_absolute_url(),
        )
        for exhibitor in exhibitors
    ]


def _product_rows(terms, language, kind, public):
    title_length = Length("name_vi") + Length("name_en") + 2
    products = _ranked(published_products(), "search_text", title_length, terms, ["-published_at", "-id"])
    return products.select_related("exhibitor").only(
        "name_vi", "name_en", "slug", "description_vi", "description_en", "exhibitor__name"
    )


def _product_hits(products, terms, request):
    return [
        Hit(
            kind="",
            title=highlight(product.name, terms, length=1000),
            snippet=highlight(product.description, terms),
            url=product.get_absolute_url(),
            meta=product.exhibitor.name,
        )
        for product in products
    ]


SOURCES = {
    "pages": (_page_rows, _page_hits),
    "news": (_page_rows, _page_hits),
    "events": (_page_rows, _page_hits),
    "sessions": (_session_rows, _session_hits),
    "speakers": (_speaker_rows, _speaker_hits),
    "exhibitors": (_exhibitor_rows, _exhibitor_hits),
    "products": (_product_rows, _product_hits),
}


def _language(request):
    return (getattr(request, "LANGUAGE_CODE", None) or "vi")[:2]


def _hits(kind, rows, terms, request):
    hits = SOURCES[kind][1](rows, terms, request)
    for hit in hits:
        hit.kind = kind
    return hits


def search(request, query, kind=None, page=None, per_page=PER_PAGE, strict=False):
    """Everything public that matches `query`, grouped by kind with each kind's count.

    Without `kind`: the best PER_KIND hits of every kind, the best group first. With `kind`: that
    kind's hits, `per_page` a page (`page` as Django's paginator reads it), and the other kinds'
    counts. A fixed number of queries either way. Raises UnknownKind for a kind that does not exist,
    and with `strict` Django's InvalidPage for a page that does not exist (else the nearest page)."""
    if kind and kind not in KINDS:
        raise UnknownKind(kind)
    terms = query_terms(query)
    results = Results(query=query, terms=terms, kind=kind or None, groups=[])
    if not terms:
        results.groups = [Group(name, 0) for name in KINDS]
        return results
    language = _language(request)
    public = Page.objects.live().public().values("pk")  # one query: the view restrictions
    for name in KINDS:
        rows = SOURCES[name][0](terms, language, name, public)
        if kind is None:
            rows = list(rows.annotate(total=Window(Count("*")))[:PER_KIND])
            group = Group(name, rows[0].total if rows else 0, best=rows[0].rank if rows else 0)
            group.hits = _hits(name, rows, terms, request)
        elif name == kind:
            paginator = Paginator(rows, per_page)
            results.page_obj = paginator.page(page or 1) if strict else paginator.get_page(page)
            group = Group(name, results.page_obj.paginator.count)
            group.hits = _hits(name, list(results.page_obj.object_list), terms, request)
            results.page_obj.object_list = group.hits
        else:
            group = Group(name, rows.order_by().count())
        results.groups.append(group)
    if kind is None:
        # The best match first ("bui van binh" shows the speaker before pages that mention him).
        results.groups.sort(key=lambda group: -group.best)
    return results


__all__ = ["KINDS", "KIND_LABELS", "Hit", "Group", "Results", "UnknownKind", "query_terms", "search"]
