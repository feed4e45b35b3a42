"""The accent-folded text of every page that the site search matches (kept by content/search.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale


class SearchText(models.Model):
    """The accent-folded searchable text of one page (see content/search.py)."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    folded = models.TextField(blank=True)
    folded_title = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")

    def __str__(self):
        return self.title
