"""Badges in the Wagtail admin: the layout per ticket type, and bulk badge PDFs made in the background.

A bulk job's page shows a progress bar that refreshes itself (badge-job.js polls `status.json`) and,
once done, the download; the file is served only here, to organisers with the permission.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ViewSetGroup

from checkin import badges
from checkin.models import BadgeJob, BadgeJobStatus, BadgeSettings, CheckInList
from registration.models import TicketType

REFRESH_SECONDS = 2
RECENT_JOBS = 20


def can_make_badges(user):
    return user.is_active and user.has_perm("checkin.add_badgejob")


def _require(request):
    if not can_make_badges(request.user):
        raise PermissionDenied


def ticket_type_label(ticket_type):
    return f"{ticket_type.event.title} · {ticket_type.name}"


class BadgeSettingsForm(WagtailAdminModelForm):
    """Ticket types named with their event (two editions both have a "Vé tham dự")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticket_type"].queryset = TicketType.objects.select_related("event").order_by(
            "-event__starts_at", "sort_order", "id"
        )
        self.fields["ticket_type"].label_from_instance = ticket_type_label


class BadgeSettingsViewSet(ModelViewSet):
    model = BadgeSettings
    name = "checkin_badge_layouts"
    url_prefix = "checkin/badge-layouts"
    icon = "doc-full"
    menu_label = gettext_lazy("Badge layouts")
    edit_handler = ObjectList(
        # A plain select: the chooser's modal would list ticket types without their event.
        [FieldPanel("ticket_type", widget=forms.Select), FieldPanel("layout")],
        base_form_class=BadgeSettingsForm,
    )
    list_display = ["ticket_type", "layout"]
    list_filter = ["layout"]
    copy_view_enabled = False


class BadgeJobForm(forms.Form):
    checkin_list = forms.ModelChoiceField(
        queryset=CheckInList.objects.none(),
        required=False,
        label=gettext_lazy("Check-in list"),
        help_text=gettext_lazy("Every valid ticket this list admits."),
    )
    ticket_type = forms.ModelChoiceField(
        queryset=TicketType.objects.none(),
        required=False,
        label=gettext_lazy("Ticket type"),
        help_text=gettext_lazy("Every valid ticket of this type (of the list, if you chose one)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checkin_list"].queryset = CheckInList.objects.select_related("event").order_by(
            "-event__starts_at", "name", "id"
        )
        self.fields["checkin_list"].label_from_instance = lambda item: f"{item.event.title} · {item.name}"
        self.fields["ticket_type"].queryset = TicketType.objects.select_related("event").order_by(
            "-event__starts_at", "sort_order", "id"
        )
        self.fields["ticket_type"].label_from_instance = ticket_type_label

    def clean(self):
        data = super().clean()
        if not data.get("checkin_list") and not data.get("ticket_type"):
            raise forms.ValidationError(_("Choose a check-in list or a ticket type."))
        return data


def job_data(job):
    """What the job page's script polls."""
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": job.get_status_display(),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "download_url": reverse("checkin_badges:download", args=[job.pk])
        if job.status == BadgeJobStatus.DONE
        else None,
    }


def jobs_index(request):
    _require(request)
    form = BadgeJobForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        job = badges.start_job(user=request.user, **form.cleaned_data)
        return redirect("checkin_badges:job", job_id=job.pk)
    jobs = BadgeJob.objects.select_related("checkin_list", "ticket_type")[:RECENT_JOBS]
    return render(
        request,
        "checkin/badges/admin_index.html",
        {"form": form, "jobs": jobs, "page_title": _("Badge PDFs"), "header_icon": "doc-full"},
        status=400 if form.is_bound else 200,
    )


def job_detail(request, job_id):
    _require(request)
    job = get_object_or_404(BadgeJob.objects.select_related("checkin_list", "ticket_type"), pk=job_id)
    return render(
        request,
        "checkin/badges/admin_job.html",
        {
            "job": job,
            "data": job_data(job),
            "status_url": reverse("checkin_badges:status", args=[job.pk]),
            "refresh_seconds": REFRESH_SECONDS,
            "page_title": _("Badge PDF: %(source)s") % {"source": job},
            "header_icon": "doc-full",
        },
    )


@never_cache
def job_status(request, job_id):
    _require(request)
    return JsonResponse(job_data(get_object_or_404(BadgeJob, pk=job_id)))


@never_cache
def job_download(request, job_id):
    _require(request)
    job = get_object_or_404(BadgeJob, pk=job_id, status=BadgeJobStatus.DONE)
    if not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=f"badges-{job.pk}.pdf")


class BadgeJobsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_make_badges(request.user)


class BadgeJobViewSet(ViewSet):
    name = "checkin_badges"
    url_prefix = "checkin/badges"
    icon = "download"
    menu_label = gettext_lazy("Badge PDFs")

    def get_urlpatterns(self):
        return [
            path("", jobs_index, name="index"),
            path("<int:job_id>/", job_detail, name="job"),
            path("<int:job_id>/status.json", job_status, name="status"),
            path("<int:job_id>/download/", job_download, name="download"),
        ]

    menu_item_class = BadgeJobsMenuItem


class BadgesGroup(ViewSetGroup):
    items = (BadgeSettingsViewSet, BadgeJobViewSet)
    menu_label = gettext_lazy("Badges")
    menu_icon = "doc-full"
    menu_order = 321
