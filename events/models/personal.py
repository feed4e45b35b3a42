"""Personal agendas: the sessions a visitor starred, kept on the server for a calendar subscription."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models.programme import Session


class PersonalAgenda(models.Model):
    """A visitor's starred sessions, behind a secret key that a calendar app can subscribe to."""

    key = models.CharField(_("key"), max_length=64, unique=True)
    sessions = models.ManyToManyField(Session, verbose_name=_("sessions"), blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("personal agenda")
        verbose_name_plural = _("personal agendas")

    def __str__(self):
        return f"{self.key[:6]}…"
