"""Messages to people: each reminder a row claimed before it is sent, so that none goes out twice."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TransactionalRow


class ReminderKind(models.TextChoices):
    EVENT = "event", _("Before the event")
    WORKSHOP = "workshop", _("Before a workshop")


class Reminder(TransactionalRow):
    """One reminder for one ticket (before the event) or one seat (before its workshop); the unique row
    is the claim: two workers that both find it due insert it once, and only the one that locks it sends."""

    ticket = models.ForeignKey(
        "registration.Ticket", verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("workshop"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["ticket", "kind"],
                condition=Q(session__isnull=True),
                name="messaging_reminder_once_per_ticket",
            ),
            models.UniqueConstraint(
                fields=["ticket", "kind", "session"],
                condition=Q(session__isnull=False),
                name="messaging_reminder_once_per_seat",
            ),
        ]
        indexes = [models.Index(fields=["sent_at"], name="messaging_reminder_unsent")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.ticket_id}"
