"""Public pages: the booth application, the Make in DaNang catalogue, the exhibitor directory."""

import csv

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from core.exports import spreadsheet_safe
from core.links import absolute_url
from events.models import EventPage, MapPoint, Session
from exhibitors import queries, services, venue_map
from exhibitors.forms import ApplicationForm, CatalogueFilterForm
from exhibitors.models import ExhibitorApplication, Maturity, ProductCategory, Sector

CATALOGUE_PAGE_SIZE = 24
DIRECTORY_PAGE_SIZE = 48


def _page(request, queryset, size):
    paginator = Paginator(queryset, size)
    return paginator.get_page(request.GET.get("page"))


def _query_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def catalogue(request):
    """The product grid; every filter is a GET parameter, so the page works without JavaScript."""
    events = queries.catalogue_events()
    form = CatalogueFilterForm(request.GET or None, events=events)
    products = queries.published_products()
    if form.is_bound and form.is_valid():
        products = queries.filter_catalogue(products, form.cleaned_data)
    elif form.is_bound:
        products = products.none()
    products = products.select_related("exhibitor").prefetch_related(queries.gallery_prefetch())
    page = _page(
        request, products.order_by("-is_verified_make_in_danang", "-published_at", "-id"), CATALOGUE_PAGE_SIZE
    )
    return render(
        request,
        "exhibitors/catalogue.html",
        {
            "form": form,
            "page_obj": page,
            "products": page.object_list,
            "query_string": _query_without_page(request),
        },
    )


def product_detail(request, slug):
    product = get_object_or_404(
        queries.published_products()
        .select_related("exhibitor", "exhibitor__logo")
        .prefetch_related(
            queries.gallery_prefetch(),
            Prefetch("sessions", queryset=_sessions_queryset()),
        ),
        slug=slug,
    )
    booths = queries.current_booths([product.exhibitor_id]).get(product.exhibitor_id, [])
    return render(
        request,
        "exhibitors/product_detail.html",
        {
            "product": product,
            "exhibitor": product.exhibitor,
            "booths": booths,
            "sessions": product.sessions.all(),
        },
    )


def _sessions_queryset():
    return Session.objects.select_related("event", "room").order_by("starts_at")


def exhibitor_directory(request):
    query = (request.GET.get("q") or "")[:100]
    sector = request.GET.get("sector") or ""
    exhibitors = queries.public_exhibitors().select_related("logo")
    if query:
        exhibitors = queries.search_exhibitors(exhibitors, query)
    if sector in Sector.values:
        exhibitors = exhibitors.filter(sector=sector)
    page = _page(request, exhibitors.order_by("name"), DIRECTORY_PAGE_SIZE)
    return render(
        request,
        "exhibitors/directory.html",
        {
            "page_obj": page,
            "exhibitors": page.object_list,
            "q": query,
            "sector": sector,
            "sectors": Sector.choices,
            "query_string": _query_without_page(request),
        },
    )


def exhibitor_detail(request, slug):
    exhibitor = get_object_or_404(queries.public_exhibitors().select_related("logo"), slug=slug)
    products = (
        queries.published_products()
        .filter(exhibitor=exhibitor)
        .select_related("exhibitor")
        .prefetch_related(queries.gallery_prefetch())
    )
    booths = queries.current_booths([exhibitor.pk]).get(exhibitor.pk, [])
    page = _page(request, products.order_by("-is_verified_make_in_danang", "name_vi"), CATALOGUE_PAGE_SIZE)
    return render(
        request,
        "exhibitors/exhibitor_detail.html",
        {
            "exhibitor": exhibitor,
            "products": page.object_list,
            "page_obj": page,
            "booths": booths,
            "query_string": _query_without_page(request),
        },
    )


def map_page(request, event_id):
    """An event's venue map: floor plans with booths and rooms, a search, and a list that needs no script."""
    event = get_object_or_404(EventPage.objects.live(), pk=event_id).source_event
    query = (request.GET.get("q") or "")[:100]
    here = MapPoint.objects.filter(code=(request.GET.get("at") or "")[:20], floor_plan__event=event).first()
    return render(
        request,
        "exhibitors/venue_map.html",
        {
            "event": event.localized_for(translation.get_language()),
            "q": query,
            "here": here,
            **venue_map.event_map(event, query),
        },
    )


@require_http_methods(["GET", "POST"])
def apply(request):
    """The public booth application form (bilingual, works without JavaScript)."""
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        logo = None
        try:
            if form.cleaned_data.get("logo"):
                logo = services.store_image(form.cleaned_data["logo"], form.cleaned_data["company_name"])
            package = form.cleaned_data["package"]
            application = services.submit_application(
                event=package.event,
                package=package,
                company=form.company(),
                contact=form.contact(),
                planned_products=form.cleaned_data["planned_products"],
                logo=logo,
                user=request.user if request.user.is_authenticated else None,
            )
        except services.ExhibitorError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session["exhibitor_application"] = application.reference
            return redirect("exhibitors:apply_done")
    return render(
        request, "exhibitors/apply.html", {"form": form, "packages": form.fields["package"].queryset}
    )


def apply_done(request):
    reference = request.session.get("exhibitor_application")
    if not reference:
        return redirect("exhibitors:apply")
    application = get_object_or_404(
        ExhibitorApplication.objects.select_related("exhibitor", "event"), reference=reference
    )
    return render(request, "exhibitors/apply_done.html", {"application": application})


def catalogue_csv(request):
    """The published catalogue as CSV (open data), in the visitor's language."""
    language = translation.get_language()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="make-in-danang-catalogue-{language}.csv"'
    response.write("\ufeff")  # Excel needs the BOM to read UTF-8 Vietnamese
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Product"),
            _("Company"),
            pgettext("product", "Category"),
            _("Sector"),
            _("Maturity"),
            _("Verified Make in DaNang"),
            _("Awards"),
            _("Price"),
            _("Website"),
            _("Page"),
        ]
    )
    categories, sectors, maturities = (
        dict(ProductCategory.choices),
        dict(Sector.choices),
        dict(Maturity.choices),
    )
    products = queries.published_products().select_related("exhibitor").order_by("exhibitor__name", "name_vi")
    for product in products.iterator(chunk_size=500):
        writer.writerow(
            [
                spreadsheet_safe(product.name),
                spreadsheet_safe(product.exhibitor.name),
                categories.get(product.category, product.category),
                sectors.get(product.sector, product.sector),
                maturities.get(product.maturity, product.maturity),
                _("yes") if product.is_verified_make_in_danang else _("no"),
                spreadsheet_safe(product.awards),
                product.price or _("contact us"),
                spreadsheet_safe(product.website),
                absolute_url(product.get_absolute_url()),
            ]
        )
    return response
