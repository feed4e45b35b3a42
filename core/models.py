"""Core's one table, the log of organisers' exports of personal data, and the base of such rows."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TransactionalRow(models.Model):
    """A row written by the thousand (orders, tickets, scans, leads, logs) that no page links to: kept
    out of Wagtail's reference index, whose bookkeeping on every save slowed each order down."""

    wagtail_reference_index_ignore = True

    class Meta:
        abstract = True


class ExportLog(TransactionalRow):
    """Who exported which attendee data, and when (organisers' exports of personal data are logged)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    what = models.CharField(_("what"), max_length=100)
    file_format = models.CharField(_("format"), max_length=10)
    filters = models.CharField(_("filters"), max_length=500, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    exported_at = models.DateTimeField(_("exported at"), default=timezone.now)

    class Meta:
        ordering = ["-exported_at"]
        verbose_name = _("export log entry")
        verbose_name_plural = _("export log")

    def __str__(self):
        return f"{self.what} {self.file_format} {self.exported_at:%Y-%m-%d %H:%M}"
