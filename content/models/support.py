"""Support requests people send from the support page (or organisers enter from a hotline call), the
replies organisers send back, and the reference number the person follows them with."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from content.choices import SupportTopic
from registration.codes import REFERENCE_ALPHABET, generate_reference

REFERENCE_PREFIX = "HT-"  # "hỗ trợ"
REFERENCE_CODE_LENGTH = 6  # 32⁶ ≈ 10⁹ codes, read over the phone without look-alikes


def duration_in_words(value) -> str:
    """A timedelta in at most two units, largest first ("2 ngày 3 giờ", "45 phút"); "" for None.
    (Django's timesince has no Vietnamese for its current wording.)"""
    if value is None:
        return ""
    minutes = max(0, int(value.total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [
        ngettext("%(count)s day", "%(count)s days", days) % {"count": days} if days else "",
        ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours} if hours else "",
        ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes} if minutes else "",
    ]
    words = [part for part in parts if part][:2]
    return " ".join(words) if words else ngettext("%(count)s minute", "%(count)s minutes", 0) % {"count": 0}


def new_support_reference() -> str:
    return REFERENCE_PREFIX + generate_reference(REFERENCE_CODE_LENGTH)


def as_support_reference(value) -> str:
    """What people type ("ht-7k3m9q", "7K3M9Q", "HT 7K3M9Q") as a reference, or "" if it cannot be one."""
    code = "".join(ch for ch in str(value or "").upper() if ch.isalnum())
    if len(code) == REFERENCE_CODE_LENGTH + len(REFERENCE_PREFIX) - 1 and code.startswith(
        REFERENCE_PREFIX[:-1]
    ):
        code = code[len(REFERENCE_PREFIX) - 1 :]
    if len(code) == REFERENCE_CODE_LENGTH and set(code) <= set(REFERENCE_ALPHABET):
        return REFERENCE_PREFIX + code
    return ""


class SupportRequest(models.Model):
    """A question or request someone sent from the support page or by phone; organisers answer it."""

    Topic = SupportTopic

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("Assigned")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    class Source(models.TextChoices):
        WEBSITE = "website", _("Website form")
        HOTLINE = "hotline", _("Hotline call")

    reference = models.CharField(
        pgettext_lazy("support request", "reference"),
        max_length=12,
        unique=True,
        default=new_support_reference,
    )
    source = models.CharField(_("received by"), max_length=10, choices=Source.choices, default=Source.WEBSITE)
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
    organiser_note = models.TextField(
        _("organiser note"), blank=True, help_text=_("For organisers only: never shown to the person.")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    first_reply_at = models.DateTimeField(_("first reply at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.reference} · {self.name} · {self.get_topic_display()}"

    @property
    def contact(self):
        return self.email or self.phone

    @property
    def time_to_first_reply(self):
        return self.first_reply_at - self.created_at if self.first_reply_at else None

    @property
    def time_to_close(self):
        return self.closed_at - self.created_at if self.closed_at else None

    # In words of the reader's language, for the admin's list.
    def first_reply_after(self):
        return duration_in_words(self.time_to_first_reply)

    def closed_after(self):
        return duration_in_words(self.time_to_close)


class SupportReply(models.Model):
    """An organiser's answer to a support request, e-mailed to the person and shown on its status page."""

    request = models.ForeignKey(
        SupportRequest, verbose_name=_("support request"), on_delete=models.CASCADE, related_name="replies"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("reply"), max_length=5000)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    delivered = models.BooleanField(_("e-mailed"), default=False)

    class Meta:
        verbose_name = _("support reply")
        verbose_name_plural = _("support replies")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request.reference} · {self.created_at:%Y-%m-%d %H:%M}"
