"""Organisers' exports of personal data: spreadsheet-safe cells, and a log of who exported what.

Every export (the admin's CSV/XLSX list exports, the check-in CSV, the exhibitors' lists) goes
through `log_export`, which keeps an `ExportLog` row and an entry in Wagtail's audit log.
"""

from wagtail.log_actions import log
from wagtail.snippets.views.snippets import IndexView

from core.models import ExportLog

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """Text as a spreadsheet shows it, never as a formula (CSV injection): user-written cells only."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class Echo:
    """A file-like object for `csv.writer` that hands each row back, for StreamingHttpResponse."""

    def write(self, value):
        return value


def log_export(user, what, file_format, filters="", rows=0):
    """Record who exported which data (and with which filters), in the export log and the audit log."""
    entry = ExportLog.objects.create(
        user=user if getattr(user, "pk", None) else None,
        what=what,
        file_format=str(file_format or "")[:10],
        filters=str(filters or "")[:500],
        rows=rows,
    )
    log(instance=entry, action="core.exported", user=entry.user, data={"rows": rows})
    return entry


class LoggedExportIndexView(IndexView):
    """A Wagtail list view whose CSV/XLSX exports are logged (who, when, which filters, how many rows)."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        filters = "&".join(f"{k}={v}" for k, v in self.request.GET.items() if k != "export")
        log_export(
            self.request.user,
            f"{self.model._meta.app_label}.{self.model._meta.model_name}",
            spreadsheet_format,
            filters,
            queryset.count(),
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)
