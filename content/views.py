"""Content views: the site search, and the support form sent from the support page."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from wagtail.models import Locale

from content.forms import SupportRequestForm
from content.search import search_pages
from content.services import submit_support_request
from core.ratelimit import over_limit
from core.views import ratelimited

RESULTS_PER_PAGE = 10


def support_request(request, page):
    """A POST to the support page (routed here by the on_serve_page hook in wagtail_hooks.py)."""
    if over_limit(request, "content.support_request", "SUPPORT_REQUEST_RATE"):
        return ratelimited(request)
    form = SupportRequestForm(request.POST)
    if not form.is_valid():
        context = page.get_context(request)
        context["form"] = form
        return TemplateResponse(request, page.get_template(request), context, status=400)
    if not form.is_spam():
        submit_support_request(form.cleaned_data, page=page, language=page.locale.language_code)
    # Post/redirect/get: a reload does not send the request twice.
    return redirect(page.get_url(request) + "?sent=1#support-form")


def search(request):
    """Accent-insensitive search over the live pages of the visitor's language."""
    query = request.GET.get("q", "").strip()[:200]
    results, terms = [], []
    if query:
        locale = Locale.objects.filter(language_code=get_language()).first()
        if locale is not None:
            results, terms = search_pages(query, locale)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    # Django's get_page: a bad number gives the first page, one past the end the last.
    page_obj = paginator.get_page(request.GET.get("page"))
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
