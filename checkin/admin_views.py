"""The live check-in dashboard in the Wagtail admin: one page per event, refreshing itself."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from checkin.models import CheckIn
from checkin.stats import event_dashboard
from core.exports import Echo, log_export, spreadsheet_safe
from events.models import EventPage

REFRESH_SECONDS = 10
CHART_HEIGHT = 120
BAR_WIDTH = 14


def can_view_dashboard(user):
    return user.is_active and (user.is_superuser or user.has_perm("checkin.view_checkin"))


def _require(request):
    if not can_view_dashboard(request.user):
        raise PermissionDenied


def _events():
    """Events (their Vietnamese pages) that have check-in lists, the next or current one first."""
    return (
        EventPage.objects.filter(checkin_lists__isnull=False, locale__language_code="vi")
        .distinct()
        .order_by("-starts_at")
    )


def dashboard_index(request):
    _require(request)
    events = list(_events())
    now = timezone.now()
    current = [event for event in events if event.ends_at >= now]
    if current and not request.GET.get("all"):
        return redirect("checkin_dashboard:event", event_id=current[-1].pk)
    return render(
        request,
        "checkin/admin/dashboard_index.html",
        {"events": events, "page_title": _("Live check-in dashboard"), "header_icon": "view"},
    )


def arrivals_chart(arrivals):
    """SVG geometry for arrivals per 15 minutes: bars scaled to the busiest quarter hour."""
    peak = arrivals["max"] or 1
    bars = []
    for index, bucket in enumerate(arrivals["buckets"]):
        height = round(CHART_HEIGHT * bucket["count"] / peak)
        bars.append(
            {
                **bucket,
                "x": index * BAR_WIDTH,
                "y": CHART_HEIGHT - height,
                "height": height,
                "label": bucket["start"] if bucket["start"].endswith(":00") else "",
            }
        )
    return {
        "bars": bars,
        "width": max(len(bars) * BAR_WIDTH, BAR_WIDTH),
        "height": CHART_HEIGHT,
        "bar": BAR_WIDTH - 2,
    }


def _context(event):
    data = event_dashboard(event)
    return {
        "event": event,
        "data": data,
        "chart": arrivals_chart(data["arrivals"]),
        "refreshed_at": timezone.localtime(),
    }


def _event(event_id):
    event = get_object_or_404(EventPage, pk=event_id)
    return event.source_event


def dashboard(request, event_id):
    _require(request)
    event = _event(event_id)
    context = _context(event)
    context.update(
        {
            "page_title": _("Check-in: %(event)s") % {"event": event.title},
            "header_icon": "view",
            "events": _events(),
            "refresh_seconds": REFRESH_SECONDS,
            "data_url": reverse("checkin_dashboard:data", args=[event.pk]),
            "csv_url": reverse("checkin_dashboard:csv", args=[event.pk]),
            "audit_url": reverse("checkin_audit:index"),
        }
    )
    return render(request, "checkin/admin/dashboard.html", context)


def dashboard_data(request, event_id):
    """What the dashboard's script polls: the numbers, and the same body rendered on the server."""
    _require(request)
    event = _event(event_id)
    context = _context(event)
    html = render_to_string("checkin/admin/dashboard_body.html", context, request=request)
    return JsonResponse({**context["data"], "html": html})


def dashboard_csv(request, event_id):
    """Every scan of the event, refused ones included, as CSV (streamed; the export is logged)."""
    _require(request)
    event = _event(event_id)
    if event is None:
        raise Http404
    rows = (
        CheckIn.objects.filter(checkin_list__event=event)
        .select_related("ticket__order", "ticket__ticket_type", "checkin_list", "device", "user")
        .order_by("created_at", "id")
    )
    log_export(request.user, f"checkins:event:{event.pk}", "csv", rows=rows.count())
    writer = csv.writer(Echo())
    header = [
        _("time"),
        _("list"),
        _("type"),
        _("result"),
        _("reason"),
        _("attendee"),
        _("organisation"),
        _("ticket type"),
        _("category"),
        _("order reference"),
        _("gate"),
        _("device or staff"),
        _("undone at"),
        _("scanned code"),
    ]

    def lines():
        yield "\ufeff"  # so spreadsheet programs read the Vietnamese names as UTF-8
        yield writer.writerow(header)
        for row in rows.iterator(chunk_size=2000):
            ticket = row.ticket
            yield writer.writerow(
                spreadsheet_safe(value)
                for value in [
                    timezone.localtime(row.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                    row.checkin_list.name,
                    row.get_type_display(),
                    _("admitted") if row.successful else _("refused"),
                    row.reason,
                    ticket.attendee_name if ticket else "",
                    ticket.organisation if ticket else "",
                    str(ticket.ticket_type.name) if ticket else "",
                    ticket.get_category_display() if ticket else "",
                    ticket.order.reference if ticket else "",
                    row.gate,
                    row.by,
                    timezone.localtime(row.annulled_at).strftime("%Y-%m-%d %H:%M:%S")
                    if row.annulled_at
                    else "",
                    row.raw_code,
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="checkins-{event.slug}.csv"'
    return response
