"""The organisers' report in the Wagtail admin: an event's or a year's counts, charts, tables, downloads.

Real counts: nothing is withheld here (the open data's suppression is for the public)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.converters import parse_id
from events.models import EventPage
from events.models.pages import SOURCE_LANGUAGE

from . import services
from .charts import bar_chart
from .exports import table_download

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year(request):
    value = request.GET.get("year", "")
    this_year = timezone.localdate().year
    if not value:
        return this_year
    if value.isascii() and value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return int(value)
    messages.error(
        request, _("Choose a year between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
    )
    return this_year


def report(request):
    if not request.user.has_perm("reports.view_reports"):
        raise PermissionDenied
    events = EventPage.objects.filter(locale__language_code=SOURCE_LANGUAGE).order_by("-starts_at", "-pk")
    event = None
    if "event" in request.GET and request.GET["event"]:
        event = get_object_or_404(events, pk=parse_id(request.GET["event"]) or 0)
        tables = services.event_tables(event)
        title = _("Report: %(title)s") % {"title": event.title}
        filename = f"report-event-{event.pk}"
        year = event.starts_at.year
    else:
        year = _year(request)
        tables = services.year_tables(year)
        title = _("Report for %(year)s") % {"year": year}
        filename = f"report-{year}"
    file_format = request.GET.get("export")
    if file_format in ("csv", "xlsx"):
        table = next((table for table in tables if table.name == request.GET.get("table")), None)
        if table is None:
            raise Http404
        return table_download(table, file_format, f"{filename}-{table.name}")
    years = sorted(
        {moment.year for moment in events.values_list("starts_at", flat=True)} | {year}, reverse=True
    )
    return render(
        request,
        "reports/admin/report.html",
        {
            "title": title,
            "event": event,
            "year": year,
            "events": events,
            "years": years,
            "charts": [(table, bar_chart(table)) for table in tables],
        },
    )
