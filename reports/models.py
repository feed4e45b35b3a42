"""No table of its own: a model only to carry the report permission that staff groups are given."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    class Meta:
        managed = False  # nothing stored: the counts are read from the other apps' tables
        default_permissions = ()
        permissions = [("view_reports", _("Can view the event statistics"))]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return str(self._meta.verbose_name)
