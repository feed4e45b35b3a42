"""Support requests people send from the support page; organisers answer them in the admin."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.choices import SupportTopic


class SupportRequest(models.Model):
    """A question or request someone sent from the support page; organisers answer it."""

    Topic = SupportTopic

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")

    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, help_text=_("E.164, e.g. +84905123456"))
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    message = models.TextField(_("message"), max_length=3000)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="vi")
    consent_at = models.DateTimeField(_("consent given at"))
    consent_text = models.TextField(_("consent wording"), help_text=_("The sentence the person agreed to."))
    consent_policy_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    organiser_note = models.TextField(_("organiser note"), blank=True)

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} · {self.get_topic_display()}"

    @property
    def contact(self):
        return self.email or self.phone
