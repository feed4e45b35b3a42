"""Content views: the site search, the support form sent from the support page, and the status page
where a person follows their support request."""

from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from content import services, site_search
from content.forms import SupportRequestForm, SupportStatusForm
from content.models.support import new_support_reference
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
    if form.is_spam():
        reference = new_support_reference()  # a bot sees what a person sees, and nothing is stored
    else:
        reference = services.submit_support_request(
            form.cleaned_data, page=page, language=page.locale.language_code
        ).reference
    # Post/redirect/get: a reload does not send the request twice. The reference alone opens nothing.
    return redirect(f"{page.get_url(request)}?sent={reference}#support-form")


@never_cache
def support_status(request):
    """A support request's status and replies, for whoever knows both its reference and its contact."""
    if request.method != "POST":
        return render(request, "content/support_status.html", {"form": SupportStatusForm()})
    if over_limit(request, "content.support_status", "SUPPORT_STATUS_RATE"):
        return ratelimited(request)
    form = SupportStatusForm(request.POST)
    support_request, status = None, 400
    if form.is_valid():
        support_request = services.find_support_request(
            form.cleaned_data["reference"], form.cleaned_data["contact"]
        )
        status = 200
        if support_request is None:
            # The same words whichever of the two was wrong: the page confirms no reference or address.
            form.add_error(
                None, _("We found no request with this reference and this e-mail or phone number.")
            )
            status = 404
    context = {"form": form, "support_request": support_request}
    return render(request, "content/support_status.html", context, status=status)


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
