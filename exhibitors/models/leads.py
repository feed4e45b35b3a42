"""Visitors an exhibitor met at its booth (scanned from their ticket)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TransactionalRow
from exhibitors.models.companies import Exhibitor


class Lead(TransactionalRow):
    """A visitor whose ticket an exhibitor scanned at its booth; personal details only if they opted in."""

    exhibitor = models.ForeignKey(
        Exhibitor, verbose_name=_("exhibitor"), on_delete=models.CASCADE, related_name="leads"
    )
    ticket = models.ForeignKey(
        "registration.Ticket",
        verbose_name=_("ticket"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    shared = models.BooleanField(_("details shared"), default=False)
    # A snapshot taken at the scan, and only when the attendee agreed to share with exhibitors.
    name = models.CharField(_("name"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    scanned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("scanned at"), default=timezone.now)
    # The visitor asked for erasure (or retention ran out): details and notes emptied, the scan counted.
    erased_at = models.DateTimeField(_("details erased at"), null=True, blank=True)
    erased_on_request = models.BooleanField(_("erased at the visitor's request"), default=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["exhibitor", "ticket"], name="lead_once_per_ticket")]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")

    def __str__(self):
        return self.name or str(_("A visitor who did not share details"))
