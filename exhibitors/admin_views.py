"""Organisers' review pages in the Wagtail admin: application workflow and product review.

Thin views: every change goes through exhibitors.services, which checks the state machine.
"""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from exhibitors import services
from exhibitors.models import (
    HOLDING_STATUSES,
    PRODUCT_REVIEWED_FIELDS,
    ApplicationStatus,
    Booth,
    ExhibitorApplication,
    Product,
    ProductStatus,
)


class ApproveForm(forms.Form):
    payment_deadline = forms.DateField(
        label=gettext_lazy("Payment deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Unpaid approvals are cancelled after this day (default: in 14 days)."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the company)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class BoothForm(forms.Form):
    booth = forms.ModelChoiceField(label=gettext_lazy("Booth"), queryset=Booth.objects.none(), required=False)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        taken = (
            ExhibitorApplication.objects.filter(booth__isnull=False)
            .exclude(pk=application.pk)
            .values("booth_id")
        )
        self.fields["booth"].queryset = Booth.objects.filter(event_id=application.event_id).exclude(
            pk__in=taken
        )
        self.fields["booth"].initial = application.booth_id


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def application_review(request, pk):
    _require(request, "exhibitors.change_exhibitorapplication")
    application = get_object_or_404(
        ExhibitorApplication.objects.select_related("exhibitor", "event", "package", "booth"), pk=pk
    )
    action = request.POST.get("action") if request.method == "POST" else None
    forms_ = {
        "approve": ApproveForm(request.POST if action == "approve" else None, prefix="approve"),
        "reject": ReasonForm(request.POST if action == "reject" else None, prefix="reject"),
        "cancel": ReasonForm(request.POST if action == "cancel" else None, prefix="cancel"),
        "booth": BoothForm(
            request.POST if action == "booth" else None, prefix="booth", application=application
        ),
    }
    if action:
        try:
            if action == "approve" and forms_["approve"].is_valid():
                day = forms_["approve"].cleaned_data["payment_deadline"]
                deadline = timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59))) if day else None
                services.approve_application(application, user=request.user, payment_deadline=deadline)
                messages.success(request, _("Approved; the contact has been invited to the portal."))
            elif action == "reject" and forms_["reject"].is_valid():
                services.reject_application(
                    application, user=request.user, reason=forms_["reject"].cleaned_data["reason"]
                )
                messages.success(request, _("Rejected; the company has been told why."))
            elif action == "cancel" and forms_["cancel"].is_valid():
                services.cancel_application(
                    application, user=request.user, reason=forms_["cancel"].cleaned_data["reason"]
                )
                messages.success(request, _("Cancelled."))
            elif action == "confirm":
                services.confirm_application(application, user=request.user)
                messages.success(request, _("Confirmed."))
            elif action == "invite" and application.status in HOLDING_STATUSES:
                services.invite_member(
                    application.exhibitor,
                    email=application.contact_email,
                    name=application.contact_name,
                    invited_by=request.user,
                )
                messages.success(request, _("A new invitation link has been sent to the contact."))
            elif action == "booth" and forms_["booth"].is_valid():
                services.assign_booth(application, forms_["booth"].cleaned_data["booth"], user=request.user)
                messages.success(request, _("Booth saved."))
            else:
                raise services.ExhibitorError(_("Please correct the form below."))
        except services.ExhibitorError as error:
            messages.error(request, error.message)
        else:
            return redirect("exhibitors_admin:application_review", pk=application.pk)
    status = application.status
    return render(
        request,
        "exhibitors/admin/application_review.html",
        {
            "application": application,
            "forms": forms_,
            "can_approve": status == ApplicationStatus.SUBMITTED,
            "can_reject": status == ApplicationStatus.SUBMITTED,
            "can_confirm": status == ApplicationStatus.PAID
            or (status == ApplicationStatus.APPROVED and application.amount == 0),
            "can_cancel": status in (ApplicationStatus.SUBMITTED, *HOLDING_STATUSES),
            "can_assign": status in HOLDING_STATUSES,
            # A returning company: approving invites this contact into its existing portal account.
            "existing_members": list(application.exhibitor.members.values_list("email", flat=True)),
            "page_title": _("Booth application %(ref)s") % {"ref": application.reference},
            "header_icon": "clipboard-list",
            "list_url": reverse("wagtailsnippets_exhibitors_exhibitorapplication:list"),
        },
    )


@require_http_methods(["GET", "POST"])
def product_review(request, pk):
    _require(request, "exhibitors.change_product")
    product = get_object_or_404(Product.objects.select_related("exhibitor"), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    reject_form = ReasonForm(request.POST if action == "reject" else None, prefix="reject")
    if action:
        try:
            if action == "approve":
                services.approve_product(product, user=request.user)
                messages.success(request, _("Approved and published."))
            elif action == "reject" and reject_form.is_valid():
                services.reject_product(product, user=request.user, reason=reject_form.cleaned_data["reason"])
                messages.success(request, _("Rejected; the exhibitor has been told why."))
            elif action in ("grant_badge", "remove_badge"):
                services.set_verified_badge(product, user=request.user, verified=action == "grant_badge")
                messages.success(request, _("Make in DaNang badge updated."))
            elif action == "unpublish" and reject_form.is_valid():
                services.unpublish_product(
                    product, user=request.user, reason=reject_form.cleaned_data["reason"]
                )
                messages.success(request, _("Unpublished."))
            else:
                raise services.ExhibitorError(_("Please correct the form below."))
        except services.ExhibitorError as error:
            messages.error(request, error.message)
        else:
            return redirect("exhibitors_admin:product_review", pk=product.pk)
    awaiting = product.status == ProductStatus.SUBMITTED or product.pending_status == ProductStatus.SUBMITTED
    changes = []
    if product.pending:
        for field in PRODUCT_REVIEWED_FIELDS:
            old, new = getattr(product, field), product.pending.get(field, getattr(product, field))
            if old != new:
                changes.append({"label": Product._meta.get_field(field).verbose_name, "old": old, "new": new})
    return render(
        request,
        "exhibitors/admin/product_review.html",
        {
            "product": product,
            "changes": changes,
            "awaiting": awaiting,
            "reject_form": reject_form,
            "images": product.images.select_related("image"),
            "page_title": _("Review: %(name)s") % {"name": product.name_vi},
            "header_icon": "tick-inverse",
        },
    )


def review_queue(request):
    _require(request, "exhibitors.change_product")
    products = Product.objects.awaiting_review().select_related("exhibitor").order_by("updated_at")
    applications = (
        ExhibitorApplication.objects.filter(status=ApplicationStatus.SUBMITTED)
        .select_related("exhibitor", "event", "package")
        .order_by("created_at")
    )
    return render(
        request,
        "exhibitors/admin/review_queue.html",
        {
            "products": products,
            "applications": applications,
            "page_title": _("Showcase review queue"),
            "header_icon": "tasks",
        },
    )
