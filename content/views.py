"""Content views: the site search, and the support form sent from the support page."""

from django.shortcuts import redirect, render
from django.template.response import TemplateResponse

from content import site_search
from content.forms import SupportRequestForm
from content.services import submit_support_request
from core.ratelimit import over_limit
from core.views import ratelimited


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
    """One accent-insensitive search over everything public, grouped by kind (content/site_search.py)."""
    query = request.GET.get("q", "").strip()[: site_search.MAX_QUERY_LENGTH]
    kind = request.GET.get("kind") or None
    status, error = 200, None
    try:
        results = site_search.search(request, query, kind, request.GET.get("page"))
    except site_search.UnknownKind as unknown:
        status, error, kind = 400, unknown.message, None
        results = site_search.search(request, query)
    context = {
        "query": query,
        "results": results,
        "kinds": site_search.KIND_LABELS,
        "active_kind": kind or "",
        "page_obj": results.page_obj,
        "error": error,
    }
    return render(request, "content/search.html", context, status=status)
