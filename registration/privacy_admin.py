"""Personal data in the admin: requests that came by phone or letter (the 1022 hotline), their deadlines,
and the organiser-run download and erasure, recorded with who did it and why. Registered from
registration/wagtail_hooks.py; the rules live in services/privacy.py."""

import json
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import services
from .models import Order, PrivacyRequest, PrivacyRequestChannel, PrivacyRequestKind

LOG_ACTIONS = {
    "registration.privacy_request_received": gettext_lazy("Personal data request received"),
    "registration.personal_data_downloaded": gettext_lazy("Personal data downloaded"),
    "registration.sharing_withdrawn": gettext_lazy("Consent to share with exhibitors withdrawn"),
    "registration.shared_details_erased": gettext_lazy("Details shared with exhibitors erased"),
    "registration.retention_applied": gettext_lazy("Retention applied"),
}


def _require(request, codename):
    if not request.user.has_perm(f"registration.{codename}"):
        raise PermissionDenied


def open_requests():
    return PrivacyRequest.objects.filter(completed_at__isnull=True).select_related("order__event")


def due_soon(now=None):
    """Open requests whose deadline passes within PRIVACY_REQUEST_WARNING_HOURS, or has passed."""
    now = now or timezone.now()
    return open_requests().filter(due_at__lte=now + timedelta(hours=settings.PRIVACY_REQUEST_WARNING_HOURS))


class NewRequestForm(forms.Form):
    reference = forms.CharField(label=gettext_lazy("Order reference"), max_length=12)
    kind = forms.ChoiceField(label=gettext_lazy("Request"), choices=PrivacyRequestKind.choices)
    channel = forms.ChoiceField(
        label=gettext_lazy("Received by"),
        choices=[c for c in PrivacyRequestChannel.choices if c[0] != PrivacyRequestChannel.WEB],
    )
    reason = forms.CharField(
        label=gettext_lazy("Why"),
        max_length=300,
        help_text=gettext_lazy(
            "How the request came and how the person was identified; no personal details."
        ),
    )

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip().upper()
        self.order = Order.objects.filter(reference=reference).first()
        if self.order is None:
            raise forms.ValidationError(_("No order has this reference."))
        return reference


def requests_index(request):
    """Open requests, soonest deadline first, with the time left; a form to record a new one."""
    _require(request, "view_order")
    now = timezone.now()
    form = NewRequestForm(request.POST or None, initial={"reference": request.GET.get("order", "")})
    if request.method == "POST":
        _require(request, "change_order")
        if form.is_valid():
            created = services.record_request(
                form.order,
                form.cleaned_data["kind"],
                channel=form.cleaned_data["channel"],
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("The request is recorded."))
            return redirect("registration_privacy:answer", pk=created.pk)
    rows = list(open_requests().order_by("due_at", "pk"))
    warning = now + timedelta(hours=settings.PRIVACY_REQUEST_WARNING_HOURS)
    for row in rows:
        row.hours_left = int((row.due_at - now).total_seconds() // 3600)
        row.warn = row.due_at <= warning
    answered = PrivacyRequest.objects.filter(completed_at__isnull=False).select_related("order", "handled_by")
    return render(
        request,
        "registration/admin/privacy_requests.html",
        {
            "form": form,
            "open": rows,
            "answered": answered.order_by("-completed_at")[:30],
        },
        status=400 if request.method == "POST" else 200,
    )


def answer(request, pk):
    """Run the download or the erasure the request asks for, as the person's own link would."""
    _require(request, "change_order")
    privacy_request = get_object_or_404(PrivacyRequest.objects.select_related("order__event"), pk=pk)
    order = privacy_request.order
    if request.method == "POST" and privacy_request.is_open:
        arguments = {
            "user": request.user,
            "channel": privacy_request.channel,
            "reason": privacy_request.reason,
            "privacy_request": privacy_request,
        }
        if privacy_request.kind == PrivacyRequestKind.DOWNLOAD:
            data = services.download_personal_data(order, **arguments)
            response = HttpResponse(
                json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
            )
            response["Content-Disposition"] = f'attachment; filename="personal-data-{order.reference}.json"'
            return response
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm the erasure."))
        else:
            try:
                services.erase_personal_data(order, **arguments)
            except services.RegistrationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Every copy of this registration's personal data is erased."))
                return redirect("registration_privacy:index")
    return render(
        request,
        "registration/admin/privacy_answer.html",
        {
            "privacy_request": privacy_request,
            "order": order,
            "tickets": order.tickets.count(),
            "shared_copies": services.shared_copies(order),
        },
    )


class DeadlinePanel(Component):
    """On the admin's home page: requests whose deadline is near or past."""

    name = "privacy_deadlines"
    order = 50
    template_name = "registration/admin/privacy_panel.html"

    def get_context_data(self, parent_context):
        now = timezone.now()
        rows = list(due_soon(now).order_by("due_at"))
        for row in rows:
            row.hours_left = int((row.due_at - now).total_seconds() // 3600)
        return {"rows": rows}


@hooks.register("construct_homepage_panels")
def add_deadline_panel(request, panels):
    if request.user.has_perm("registration.view_order") and due_soon().exists():
        panels.append(DeadlinePanel())


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [
        path(
            "registration/personal-data/",
            (
                [
                    path("", requests_index, name="index"),
                    path("<int:pk>/", answer, name="answer"),
                ],
                "registration_privacy",
                "registration_privacy",
            ),
        )
    ]


class RequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("registration.view_order")


@hooks.register("register_admin_menu_item")
def register_privacy_menu_item():
    return RequestsMenuItem(
        _("Personal data requests"), reverse("registration_privacy:index"), icon_name="lock", order=253
    )
