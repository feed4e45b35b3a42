"""Certificates of attendance for digital-skills classes (events marked as certifying)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.codes import generate_reference


class Certificate(models.Model):
    """One attendee's certificate for one class, verifiable by anyone who has its code.

    The name, hours and organiser are copied when it is issued: the certificate keeps saying what it
    said when it was handed out, even if the ticket or the event page change later.
    """

    code = models.CharField(_("code"), max_length=12, unique=True, default=generate_reference, editable=False)
    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("class"), on_delete=models.PROTECT, related_name="certificates"
    )
    ticket = models.ForeignKey(
        "registration.Ticket",
        verbose_name=_("ticket"),
        null=True,
        blank=True,
        # A deleted ticket (an order deleted in the admin) takes its certificates and their names along.
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    name = models.CharField(_("name"), max_length=150)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, null=True, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            # One per ticket per class: issuing again (the command, the ticket page) finds this one.
            models.UniqueConstraint(fields=["ticket", "event"], name="certificates_one_per_ticket_and_class")
        ]

    def __str__(self):
        return f"{self.code} · {self.name}"

    @property
    def is_revoked(self):
        return self.revoked_at is not None
