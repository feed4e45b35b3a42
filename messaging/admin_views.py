"""Organisers' announcement pages in the Wagtail admin: list, write, preview with the count, send, progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .emails import announcement_message
from .forms import AnnouncementForm
from .models import Announcement, AnnouncementRecipient, AnnouncementStatus

LOG_PAGE_SIZE = 50


def _require(request, codename):
    if not request.user.has_perm(f"messaging.{codename}"):
        raise PermissionDenied


def announcement_list(request):
    _require(request, "view_announcement")
    announcements = Announcement.objects.select_related("event", "ticket_type", "session")[:200]
    return render(request, "messaging/admin/list.html", {"announcements": announcements})


def announcement_edit(request, pk=None):
    _require(request, "add_announcement" if pk is None else "change_announcement")
    announcement = None
    if pk is not None:
        announcement = get_object_or_404(Announcement, pk=pk)
        if announcement.status != AnnouncementStatus.DRAFT:
            messages.error(request, _("This announcement has already been sent."))
            return redirect("messaging_admin:detail", pk=pk)
    form = AnnouncementForm(request.POST or None, instance=announcement)
    if request.method == "POST" and form.is_valid():
        announcement = form.save(commit=False)
        if announcement.created_by_id is None:
            announcement.created_by = request.user
        announcement.save()
        return redirect("messaging_admin:detail", pk=announcement.pk)
    return render(request, "messaging/admin/edit.html", {"form": form, "announcement": announcement})


def _sample(announcement, language):
    recipient = AnnouncementRecipient(email="nguoi.nhan@example.com", language=language)
    message = announcement_message(announcement, recipient)
    return {"language": language, "subject": message.subject, "body": message.body}


def announcement_detail(request, pk):
    """A draft: its preview and recipient count, and the send button. Sent: progress and the log."""
    _require(request, "view_announcement")
    announcement = get_object_or_404(
        Announcement.objects.select_related("event", "ticket_type", "session"), pk=pk
    )
    context = {"announcement": announcement}
    if announcement.status == AnnouncementStatus.DRAFT:
        context["preview"] = services.preview(announcement)
        context["samples"] = [_sample(announcement, "vi"), _sample(announcement, "en")]
        return render(request, "messaging/admin/preview.html", context)
    context["progress"] = services.progress(announcement)
    log = AnnouncementRecipient.objects.filter(announcement=announcement).order_by("pk")
    context["log"] = Paginator(log, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "messaging/admin/progress.html", context)


@require_POST
def announcement_send(request, pk):
    _require(request, "change_announcement")
    announcement = get_object_or_404(Announcement, pk=pk)
    try:
        services.start_announcement(announcement, user=request.user)
    except services.AnnouncementError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Sending has started: it goes on in the background."))
    return redirect("messaging_admin:detail", pk=pk)


def announcement_progress(request, pk):
    """The progress bar's figures, read by the page every few seconds."""
    _require(request, "view_announcement")
    announcement = get_object_or_404(Announcement, pk=pk)
    return JsonResponse(services.progress(announcement))
