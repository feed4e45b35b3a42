"""The exhibitor portal: a company's own profile, products, booth, payment and leads.

Every view looks the exhibitor up through the signed-in user's memberships, and every object through
that exhibitor, so another company's ids answer 404.
"""

import csv
import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.exports import spreadsheet_safe
from exhibitors import services
from exhibitors.forms import InviteForm, LeadForm, ProductForm, ProductImageForm, ProfileForm
from exhibitors.models import (
    HOLDING_STATUSES,
    ApplicationStatus,
    Exhibitor,
    ExhibitorApplication,
    Lead,
    Product,
    ProductImage,
    ProductStatus,
)


def portal_view(view):
    """Login required; `exhibitor_id` must be one of the user's companies (404 otherwise)."""

    @wraps(view)
    def wrapper(request, exhibitor_id, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("exhibitors:portal_login"))
        exhibitor = Exhibitor.objects.filter(pk=exhibitor_id, memberships__user=request.user).first()
        if exhibitor is None:
            raise Http404
        return view(request, exhibitor, *args, **kwargs)

    return wrapper


def portal_home(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("exhibitors:portal_login"))
    exhibitors = list(Exhibitor.objects.filter(memberships__user=request.user).order_by("name"))
    if len(exhibitors) == 1:
        return redirect("exhibitors:portal_dashboard", exhibitor_id=exhibitors[0].pk)
    return render(request, "exhibitors/portal/home.html", {"exhibitors": exhibitors})


@require_http_methods(["GET", "POST"])
def invitation(request, uidb64, token):
    """Set a password from the invitation link (a signed, single-use token), then open the portal."""
    User = get_user_model()
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, User.DoesNotExist, ValidationError):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "exhibitors/portal/invitation_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your password is set. Welcome to the exhibitor portal."))
        return redirect("exhibitors:portal_home")
    return render(request, "exhibitors/portal/invitation.html", {"form": form, "invited_user": user})


def _reconcile_payments(exhibitor):
    """Back from Stripe Checkout: ask Stripe about open booth payments instead of waiting for the webhook."""
    from registration import payments

    pending = exhibitor.applications.filter(
        status=ApplicationStatus.APPROVED, payment_reference__startswith="cs_"
    )
    for application in pending:
        try:
            session = payments.retrieve_checkout_session(application.payment_reference)
            services.handle_booth_webhook("checkout.session.completed", session)
        except (payments.PaymentError, payments.PaymentsNotConfigured):
            continue


@portal_view
def dashboard(request, exhibitor):
    if request.GET.get("paid"):
        _reconcile_payments(exhibitor)
    applications = exhibitor.applications.select_related("event", "package", "booth").order_by("-created_at")
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
            "payments_enabled": _payments_enabled(),
        },
    )


def _payments_enabled():
    from registration import payments

    return payments.is_configured()


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
            data["logo"] = services.store_logo(upload, data["name"])
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


def _own_product(exhibitor, pk):
    return get_object_or_404(Product, pk=pk, exhibitor=exhibitor)


@portal_view
@require_http_methods(["GET", "POST"])
def product_new(request, exhibitor):
    form = ProductForm(request.POST or None, exhibitor=exhibitor)
    if request.method == "POST" and form.is_valid():
        product = services.create_product(
            exhibitor, user=request.user, data=form.product_data(), sessions=form.cleaned_data["sessions"]
        )
        messages.success(
            request, _("The product is saved as a draft. Add images, then submit it for review.")
        )
        return redirect("exhibitors:portal_product_edit", exhibitor_id=exhibitor.pk, pk=product.pk)
    return render(
        request,
        "exhibitors/portal/product_form.html",
        {"exhibitor": exhibitor, "form": form, "product": None},
    )


@portal_view
@require_http_methods(["GET", "POST"])
def product_edit(request, exhibitor, pk):
    product = _own_product(exhibitor, pk)
    form = ProductForm(request.POST or None, instance=Product.objects.get(pk=product.pk), exhibitor=exhibitor)
    if request.method == "POST" and form.is_valid():
        product = services.update_product(
            product, user=request.user, data=form.product_data(), sessions=form.cleaned_data["sessions"]
        )
        if "submit" in request.POST:
            try:
                services.submit_product(product, user=request.user)
            except services.ExhibitorError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Submitted: the organisers will review it."))
        else:
            messages.success(request, _("Saved."))
        return redirect("exhibitors:portal_product_edit", exhibitor_id=exhibitor.pk, pk=product.pk)
    return render(
        request,
        "exhibitors/portal/product_form.html",
        {
            "exhibitor": exhibitor,
            "form": form,
            "product": product,
            "images": product.images.select_related("image"),
            "image_form": ProductImageForm(),
        },
    )


@portal_view
@require_POST
def product_submit(request, exhibitor, pk):
    product = _own_product(exhibitor, pk)
    try:
        services.submit_product(product, user=request.user)
    except services.ExhibitorError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Submitted: the organisers will review it."))
    return redirect("exhibitors:portal_product_edit", exhibitor_id=exhibitor.pk, pk=product.pk)


@portal_view
@require_POST
def product_image_add(request, exhibitor, pk):
    product = _own_product(exhibitor, pk)
    form = ProductImageForm(request.POST, request.FILES)
    if form.is_valid():
        services.add_product_image(
            product,
            user=request.user,
            upload=form.cleaned_data["image"],
            alt_vi=form.cleaned_data["alt_vi"],
            alt_en=form.cleaned_data["alt_en"],
        )
        messages.success(request, _("The image is added."))
        return redirect("exhibitors:portal_product_edit", exhibitor_id=exhibitor.pk, pk=product.pk)
    return render(
        request,
        "exhibitors/portal/product_form.html",
        {
            "exhibitor": exhibitor,
            "form": ProductForm(instance=product, exhibitor=exhibitor),
            "product": product,
            "images": product.images.select_related("image"),
            "image_form": form,
        },
        status=400,
    )


@portal_view
@require_POST
def product_image_delete(request, exhibitor, pk, image_id):
    product = _own_product(exhibitor, pk)
    item = get_object_or_404(ProductImage, pk=image_id, product=product)
    services.remove_product_image(item, user=request.user)
    messages.success(request, _("The image is removed."))
    return redirect("exhibitors:portal_product_edit", exhibitor_id=exhibitor.pk, pk=product.pk)


def _own_application(exhibitor, pk):
    return get_object_or_404(
        ExhibitorApplication.objects.select_related("event", "package", "booth"), pk=pk, exhibitor=exhibitor
    )


@portal_view
@require_POST
def pay(request, exhibitor, pk):
    """Send the company to Stripe Checkout for its booth fee."""
    from registration import payments

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
    except (payments.PaymentError, payments.PaymentsNotConfigured):
        messages.error(request, _("The payment service is not available right now; please try again later."))
    else:
        if session.url:
            return redirect(session.url)
    return redirect("exhibitors:portal_dashboard", exhibitor_id=exhibitor.pk)


@portal_view
def poster(request, exhibitor, pk, fmt):
    """The booth poster (PDF or PNG, A4 or A3) with a QR code to the company's public page."""
    from exhibitors.poster import make_poster

    application = _own_application(exhibitor, pk)
    if fmt not in ("pdf", "png") or application.status not in HOLDING_STATUSES:
        raise Http404
    size = "A3" if request.GET.get("size", "").upper() == "A3" else "A4"
    content = make_poster(exhibitor, application, fmt=fmt, size=size, language=get_language())
    filename = f"poster-{exhibitor.slug}-{size}.{fmt}"
    content_type = "application/pdf" if fmt == "pdf" else "image/png"
    return FileResponse(content, content_type=content_type, filename=filename)


@portal_view
def leads(request, exhibitor):
    rows = exhibitor.leads.order_by("-created_at")
    return render(
        request,
        "exhibitors/portal/leads.html",
        {
            "exhibitor": exhibitor,
            "leads": rows,
            "shared_count": sum(1 for lead in rows if lead.shared),
            "anonymous_count": sum(1 for lead in rows if not lead.shared),
        },
    )


@portal_view
def lead_scanner(request, exhibitor):
    return render(request, "exhibitors/portal/scan.html", {"exhibitor": exhibitor})


@portal_view
@require_POST
def lead_scan(request, exhibitor):
    """JSON endpoint of the scanner page: `{"secret"}` → the lead (or an error with a reason)."""
    try:
        payload = json.loads(request.body or b"{}")
        secret = str(payload.get("secret", ""))[:100]
    except (ValueError, AttributeError):
        secret = request.POST.get("secret", "")[:100]
    try:
        lead, created = services.record_lead(exhibitor, secret=secret, user=request.user)
    except services.ExhibitorError as error:
        return JsonResponse(
            {"status": "error", "reason": error.code, "detail": str(error.message)}, status=400
        )
    return JsonResponse(
        {
            "status": "ok",
            "created": created,
            "lead": {
                "id": lead.pk,
                "shared": lead.shared,
                "name": lead.name if lead.shared else "",
                "organisation": lead.organisation if lead.shared else "",
                "label": str(lead) if lead.shared else _("A visitor who did not share details"),
                "url": reverse(
                    "exhibitors:portal_lead_edit", kwargs={"exhibitor_id": exhibitor.pk, "pk": lead.pk}
                ),
            },
        },
        status=201 if created else 200,
    )


@portal_view
@require_POST
def lead_scan_form(request, exhibitor):
    """The same scan as a plain form post (USB scanners, typing a code, no JavaScript)."""
    try:
        lead, created = services.record_lead(
            exhibitor, secret=request.POST.get("secret", ""), user=request.user
        )
    except services.ExhibitorError as error:
        messages.error(request, error.message)
        return redirect("exhibitors:portal_lead_scanner", exhibitor_id=exhibitor.pk)
    messages.success(request, _("Lead saved: %(lead)s") % {"lead": lead})
    return redirect("exhibitors:portal_lead_edit", exhibitor_id=exhibitor.pk, pk=lead.pk)


@portal_view
@require_http_methods(["GET", "POST"])
def lead_edit(request, exhibitor, pk):
    lead = get_object_or_404(Lead, pk=pk, exhibitor=exhibitor)
    form = LeadForm(request.POST or None, initial={"note": lead.note, "rating": lead.rating})
    if request.method == "POST" and form.is_valid():
        services.update_lead(
            lead, user=request.user, note=form.cleaned_data["note"], rating=form.cleaned_data["rating"]
        )
        messages.success(request, _("Saved."))
        return redirect("exhibitors:portal_leads", exhibitor_id=exhibitor.pk)
    return render(
        request, "exhibitors/portal/lead_form.html", {"exhibitor": exhibitor, "lead": lead, "form": form}
    )


@portal_view
def leads_csv(request, exhibitor):

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="leads-{exhibitor.slug}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [_("Scanned at"), _("Name"), _("Organisation"), _("Job title"), _("E-mail"), _("Rating"), _("Note")]
    )
    for lead in exhibitor.leads.order_by("created_at"):
        writer.writerow(
            [
                lead.created_at.isoformat(timespec="minutes"),
                spreadsheet_safe(lead.name) if lead.shared else _("A visitor who did not share details"),
                spreadsheet_safe(lead.organisation),
                spreadsheet_safe(lead.job_title),
                spreadsheet_safe(lead.email),
                lead.rating or "",
                spreadsheet_safe(lead.note),
            ]
        )
    from wagtail.log_actions import log

    log(instance=exhibitor, action="exhibitors.leads_exported", user=request.user)
    return response


def product_status_label(product):
    if product.status == ProductStatus.PUBLISHED and product.pending_status:
        return _("Published; changes %(state)s") % {
            "state": ProductStatus(product.pending_status).label.lower()
        }
    return ProductStatus(product.status).label
