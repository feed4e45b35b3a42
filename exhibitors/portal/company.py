"""The company's own pages: dashboard, profile, portal users, booth fee and booth poster."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.links import absolute_url
from exhibitors import services
from exhibitors.forms import InviteForm, ProfileForm
from exhibitors.models import HOLDING_STATUSES, Exhibitor, ExhibitorApplication
from exhibitors.portal.access import portal_view
from exhibitors.poster import make_poster
from registration.payments import PaymentError


@portal_view
def dashboard(request, exhibitor):
    if request.GET.get("paid"):
        services.reconcile_booth_payments(exhibitor)
    applications = list(
        exhibitor.applications.select_related("event", "package", "booth").order_by("-created_at")
    )
    return_url = absolute_url(request.path)
    for application in applications:
        application.bank = services.booth_bank_details(application)
        application.bank_apps = application.bank.app_links(return_url=return_url) if application.bank else []
    products = exhibitor.products.order_by("status", "name_vi")
    return render(
        request,
        "exhibitors/portal/dashboard.html",
        {
            "exhibitor": exhibitor,
            "applications": applications,
            "products": products,
            "lead_count": exhibitor.leads.count(),
            "members": exhibitor.members.order_by("email"),
            "payments_enabled": services.payments_enabled(),
        },
    )


@portal_view
@require_http_methods(["GET", "POST"])
def profile(request, exhibitor):
    form = ProfileForm(
        request.POST or None, request.FILES or None, instance=Exhibitor.objects.get(pk=exhibitor.pk)
    )
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in ProfileForm.Meta.fields}
        upload = form.cleaned_data.get("logo_upload")
        if upload:
            data["logo"] = services.store_image(upload, data["name"])
        services.update_exhibitor_profile(exhibitor, user=request.user, data=data)
        messages.success(request, _("The company profile is saved."))
        return redirect("exhibitors:portal_dashboard", exhibitor_id=exhibitor.pk)
    return render(request, "exhibitors/portal/profile.html", {"exhibitor": exhibitor, "form": form})


@portal_view
@require_http_methods(["GET", "POST"])
def members(request, exhibitor):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invite_member(
            exhibitor,
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            invited_by=request.user,
        )
        messages.success(request, _("The invitation is on its way."))
        return redirect("exhibitors:portal_members", exhibitor_id=exhibitor.pk)
    return render(
        request,
        "exhibitors/portal/members.html",
        {"exhibitor": exhibitor, "form": form, "members": exhibitor.members.order_by("email")},
    )


def _own_application(exhibitor, pk):
    return get_object_or_404(
        ExhibitorApplication.objects.select_related("event", "package", "booth"), pk=pk, exhibitor=exhibitor
    )


@portal_view
@require_POST
def pay(request, exhibitor, pk):
    """Send the company to Stripe Checkout for its booth fee."""
    application = _own_application(exhibitor, pk)
    back = request.build_absolute_uri(
        reverse("exhibitors:portal_dashboard", kwargs={"exhibitor_id": exhibitor.pk})
    )
    try:
        session = services.start_booth_payment(
            application, success_url=back + "?paid=1", cancel_url=back, language=get_language()
        )
    except services.ExhibitorError as error:
        messages.error(request, error.message)
    except PaymentError:  # Stripe unreachable or not configured
        messages.error(request, _("The payment service is not available right now; please try again later."))
    else:
        if session.url:
            return redirect(session.url)
    return redirect("exhibitors:portal_dashboard", exhibitor_id=exhibitor.pk)


@portal_view
def poster(request, exhibitor, pk, fmt):
    """The booth poster (PDF or PNG, A4 or A3) with a QR code to the company's public page."""
    application = _own_application(exhibitor, pk)
    if fmt not in ("pdf", "png") or application.status not in HOLDING_STATUSES:
        raise Http404
    size = "A3" if request.GET.get("size", "").upper() == "A3" else "A4"
    content = make_poster(exhibitor, application, fmt=fmt, size=size, language=get_language())
    filename = f"poster-{exhibitor.slug}-{size}.{fmt}"
    content_type = "application/pdf" if fmt == "pdf" else "image/png"
    return FileResponse(content, content_type=content_type, filename=filename)
