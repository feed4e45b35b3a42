"""Check-in: the lists a gate or session door admits to, the scanning devices, and every scan made."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel

from core.models import TransactionalRow

TOKEN_PREFIX = "ddc_"  # noqa: S105 (a marker, not a secret)


def hash_token(token: str) -> str:
    """Tokens carry 256 random bits, so a plain SHA-256 is enough (no slow KDF on the hot path)."""
    return hashlib.sha256(token.encode()).hexdigest()


class Device(models.Model):
    """A scanning app or turnstile with its own API token; the token is stored only as a hash."""

    name = models.CharField(
        pgettext_lazy("label", "name"), max_length=100, help_text=_("For example: Gate B, lane 2.")
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Limit this device to one event's check-in lists. Leave empty for every event."),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_hint = models.CharField(_("token ends with"), max_length=8, editable=False, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("event"),
        HelpPanel(
            content=_(
                "The token is shown once, right after the device is created. "
                "Lost it? Revoke this device and create a new one."
            )
        ),
    ]

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("check-in device")
        verbose_name_plural = _("check-in devices")

    def __str__(self):
        return self.name

    @property
    def is_active(self):
        return self.revoked_at is None

    def set_new_token(self) -> str:
        """Give the device a fresh token and return it: the only moment anyone sees it."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.token_hint = token[-4:]
        return token


class CheckInList(models.Model):
    """What one gate or session door admits: which tickets, when, and whether people may come back in."""

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="checkin_lists",
        help_text=_("The event's Vietnamese page."),
    )
    name = models.CharField(
        pgettext_lazy("label", "name"), max_length=150, help_text=_("For example: Main entrance, day 1.")
    )
    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="checkin_lists",
        help_text=_("For a session door: only tickets with a seat in this session are admitted."),
    )
    ticket_types = models.ManyToManyField(
        "registration.TicketType",
        verbose_name=_("admitted ticket types"),
        blank=True,
        related_name="checkin_lists",
        help_text=_("Leave empty to admit every ticket type of the event."),
    )
    valid_from = models.DateTimeField(
        _("valid from"), null=True, blank=True, help_text=_("Scans before this time are refused.")
    )
    valid_until = models.DateTimeField(
        _("valid until"), null=True, blank=True, help_text=_("Scans after this time are refused.")
    )
    allow_reentry = models.BooleanField(
        _("allow re-entry"),
        default=False,
        help_text=_("A ticket may enter again (after an exit scan, when exits are recorded)."),
    )
    record_exits = models.BooleanField(
        _("record exits"),
        default=False,
        help_text=_("Exit scans are recorded, so people inside can be counted."),
    )
    admit_pending_approval = models.BooleanField(_("admit tickets awaiting approval"), default=False)
    admit_unpaid = models.BooleanField(_("admit unpaid tickets"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # A copy of `ticket_types`' ids kept by a signal, so a scan reads the list in one query.
    admitted_type_ids = models.JSONField(default=list, blank=True, editable=False)

    panels = [
        MultiFieldPanel(
            [FieldPanel("event"), FieldPanel("name"), FieldPanel("session"), FieldPanel("is_active")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("ticket_types"),
                FieldRowPanel([FieldPanel("admit_pending_approval"), FieldPanel("admit_unpaid")]),
            ],
            heading=_("Who is admitted"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                FieldRowPanel([FieldPanel("allow_reentry"), FieldPanel("record_exits")]),
            ],
            heading=_("When and how often"),
        ),
    ]

    class Meta:
        ordering = ["event", "valid_from", "name", "id"]
        verbose_name = _("check-in list")
        verbose_name_plural = _("check-in lists")

    def __str__(self):
        return self.name


class CheckInType(models.TextChoices):
    ENTRY = "entry", _("Entry")
    EXIT = "exit", _("Exit")


class Reason(models.TextChoices):
    """Why a scan was refused; the codes are pretix's, which scanner integrators already know."""

    INVALID = "invalid", _("Unknown code")
    ALREADY_REDEEMED = "already_redeemed", _("Already checked in")
    CANCELED = "canceled", _("Cancelled")
    UNPAID = "unpaid", _("Not paid or not approved")
    PRODUCT = "product", _("Ticket type not admitted here")
    INVALID_TIME = "invalid_time", _("Not valid at this time")
    WRONG_EVENT = "wrong_event", _("Wrong event")
    # Ours, not pretix's: a nonce sent again with another code or type (answered 400, kept for the audit),
    # and an offline admission made after another device's, uploaded later (checkin/services/upload.py).
    NONCE_REUSED = "nonce_reused", _("Nonce reused for another scan")
    CONFLICT = "conflict", _("Admitted elsewhere first")


class CheckIn(TransactionalRow):
    """One scan at a gate, successful or refused: the audit trail of who went in, when and where."""

    ticket = models.ForeignKey(
        "registration.Ticket",
        verbose_name=_("ticket"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checkins",
        db_index=False,  # the (ticket, checkin_list) index below serves it: one index less per scan
    )
    checkin_list = models.ForeignKey(
        CheckInList,
        verbose_name=_("check-in list"),
        on_delete=models.CASCADE,
        related_name="checkins",
        db_index=False,  # served by the (checkin_list, created_at) index below
    )
    type = models.CharField(_("type"), max_length=5, choices=CheckInType.choices, default=CheckInType.ENTRY)
    successful = models.BooleanField(_("successful"), default=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    raw_code = models.CharField(
        _("scanned code"), max_length=64, blank=True, help_text=_("What was scanned, for refused scans.")
    )
    gate = models.CharField(_("gate"), max_length=60, blank=True)
    device = models.ForeignKey(
        Device,
        verbose_name=_("device"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checkins",
        db_index=False,  # served by the (device, created_at) index below
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    nonce = models.CharField(_("nonce"), max_length=64, blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("first check-in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # done by Django's delete, like every on_delete
        related_name="+",
        # No database constraint: its check locked the admission's row at every refused repeat scan,
        # so a code shared on social media had every lane writing to that one row.
        db_constraint=False,
        help_text=_("For a refused repeat scan: the check-in that came first."),
    )
    attention = models.BooleanField(_("needed attention"), default=False)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    annulled_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    # A scan made offline: `created_at` is when it was scanned, this when the device uploaded it.
    uploaded_at = models.DateTimeField(_("uploaded at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        permissions = [("use_scanner", _("Can scan tickets with the check-in scanner"))]
        indexes = [
            models.Index(fields=["ticket", "checkin_list"], name="checkin_ticket_list"),
            # The admissions that count, the rules' history (sql.ticket_scans): a ticket's refused
            # repeat scans, however many, are not read on its next scan.
            models.Index(
                fields=["ticket", "checkin_list"],
                condition=Q(successful=True, annulled_at__isnull=True),
                name="checkin_admissions",
            ),
            models.Index(fields=["checkin_list", "created_at"], name="checkin_list_time"),
            # A device's scans in the last second or minute: its rate limit (services.scanner_for_token).
            models.Index(fields=["device", "created_at"], name="checkin_device_time"),
        ]
        constraints = [
            # A retried request carries the same nonce: at most one row per device (or staff member).
            models.UniqueConstraint(
                fields=["checkin_list", "device", "nonce"],
                condition=Q(device__isnull=False) & ~Q(nonce=""),
                name="checkin_unique_device_nonce",
            ),
            models.UniqueConstraint(
                fields=["checkin_list", "user", "nonce"],
                condition=Q(user__isnull=False) & ~Q(nonce=""),
                name="checkin_unique_user_nonce",
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def counts(self):
        """Whether this scan let someone in (or out): successful and not undone."""
        return self.successful and self.annulled_at is None

    @property
    def attendee_name(self):
        return self.ticket.attendee_name if self.ticket_id else ""

    @property
    def order_reference(self):
        return self.ticket.order.reference if self.ticket_id else ""

    @property
    def ticket_type_name(self):
        return str(self.ticket.ticket_type.name) if self.ticket_id else ""

    @property
    def by(self):
        """Who scanned: the device's name, or the staff member's (`scanned_by` when the scan path read it)."""
        if hasattr(self, "scanned_by"):
            return self.scanned_by
        if self.device_id:
            return self.device.name
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return ""


# --- Badges (checkin/badges.py) ---------------------------------------------------------------


class BadgeLayout(models.TextChoices):
    """The paper a badge is printed on: a sheet or a roll in a label printer."""

    A6 = "a6", _("A6 sheet (105 × 148 mm)")
    LABEL_62 = "label62", _("62 mm label (62 × 100 mm)")


class BadgeSettings(models.Model):
    """How one ticket type's badges are printed; a type without a row prints on A6."""

    ticket_type = models.OneToOneField(
        "registration.TicketType",
        verbose_name=_("ticket type"),
        on_delete=models.CASCADE,
        related_name="badge_settings",
    )
    layout = models.CharField(
        _("badge layout"),
        max_length=10,
        choices=BadgeLayout.choices,
        default=BadgeLayout.A6,
        help_text=_("The paper the gate's printer holds for this ticket type."),
    )

    panels = [FieldPanel("ticket_type"), FieldPanel("layout")]

    class Meta:
        verbose_name = _("badge layout")
        verbose_name_plural = _("badge layouts")

    def __str__(self):
        return f"{self.ticket_type} · {self.get_layout_display()}"


class BadgeJobStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Printing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BadgeJob(models.Model):
    """A PDF of badges for pre-printing (one list's or one ticket type's tickets), made by a worker."""

    checkin_list = models.ForeignKey(
        CheckInList,
        verbose_name=_("check-in list"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    ticket_type = models.ForeignKey(
        "registration.TicketType",
        verbose_name=_("ticket type"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BadgeJobStatus.choices, default=BadgeJobStatus.PENDING
    )
    total = models.PositiveIntegerField(_("badges"), default=0)
    done = models.PositiveIntegerField(_("badges drawn"), default=0)
    # Names of attendees: served only through the staff view, never linked from MEDIA_URL.
    file = models.FileField(_("file"), upload_to="badges/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("badge PDF")
        verbose_name_plural = _("badge PDFs")
        constraints = [
            models.CheckConstraint(
                condition=Q(checkin_list__isnull=False) | Q(ticket_type__isnull=False),
                name="checkin_badgejob_has_a_source",
            )
        ]

    def __str__(self):
        return str(self.checkin_list or self.ticket_type)

    @property
    def percent(self):
        if self.status == BadgeJobStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
