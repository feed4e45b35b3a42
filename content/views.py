"""Content views that are not Wagtail pages: the site search."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Locale

from content.search import search_pages

RESULTS_PER_PAGE = 10


def search(request):
    """Accent-insensitive search over the live pages of the visitor's language."""
    query = request.GET.get("q", "").strip()[:200]
    results, terms = [], []
    if query:
        locale = Locale.objects.filter(language_code=get_language()).first()
        if locale is not None:
            results, terms = search_pages(query, locale)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    return render(
        request,
        "content/search.html",
        {
            "query": query,
            "terms": terms,
            "page_obj": page_obj,
            "results": page_obj.object_list,
            "count": len(results),
        },
    )
