"""Messages to people: each message about a ticket is a row claimed before it is sent, so none goes out twice."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TransactionalRow


class TicketMessage(TransactionalRow):
    """One e-mail about one ticket. The unique row is the claim: two workers that both find it due insert
    it once, and only the one that locks it sends it; a failed send leaves it unsent, to be tried again."""

    ticket = models.ForeignKey(
        "registration.Ticket", verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)

    class Meta:
        abstract = True


class ReminderKind(models.TextChoices):
    EVENT = "event", _("Before the event")
    WORKSHOP = "workshop", _("Before a workshop")


class Reminder(TicketMessage):
    """The reminder of one ticket before its event, or of one seat before its workshop."""

    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("workshop"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

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


class ScheduleChange(TransactionalRow):
    """The moves of one published session (time, room) collected until a quiet period has passed, so that
    ten edits make one message: the time and room before the first edit, and after the last."""

    session = models.ForeignKey(
        "events.Session", verbose_name=_("session"), on_delete=models.CASCADE, related_name="+"
    )
    old_starts_at = models.DateTimeField(_("starts at before"))
    old_ends_at = models.DateTimeField(_("ends at before"))
    old_room = models.ForeignKey(
        "events.Room",
        verbose_name=_("room before"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    first_changed_at = models.DateTimeField(_("first changed at"), default=timezone.now)
    last_changed_at = models.DateTimeField(_("last changed at"), default=timezone.now, db_index=True)
    # Set when the quiet period is over and the messages are made; later edits open a new change.
    closed_at = models.DateTimeField(_("messages made at"), null=True, blank=True)
    new_starts_at = models.DateTimeField(_("starts at after"), null=True, blank=True)
    new_ends_at = models.DateTimeField(_("ends at after"), null=True, blank=True)
    new_room = models.ForeignKey(
        "events.Room",
        verbose_name=_("room after"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("schedule change")
        verbose_name_plural = _("schedule changes")
        constraints = [
            models.UniqueConstraint(
                fields=["session"], condition=Q(closed_at__isnull=True), name="messaging_one_open_change"
            )
        ]

    def __str__(self):
        return f"{self.session_id} {self.first_changed_at:%Y-%m-%d %H:%M}"

    @property
    def time_changed(self):
        return (self.old_starts_at, self.old_ends_at) != (self.new_starts_at, self.new_ends_at)

    @property
    def room_changed(self):
        return self.old_room_id != self.new_room_id


class ScheduleChangeNotice(TicketMessage):
    """The e-mail telling one seat holder about one schedule change."""

    change = models.ForeignKey(
        ScheduleChange, verbose_name=_("schedule change"), on_delete=models.CASCADE, related_name="notices"
    )

    class Meta:
        verbose_name = _("schedule change notice")
        verbose_name_plural = _("schedule change notices")
        constraints = [
            models.UniqueConstraint(fields=["change", "ticket"], name="messaging_notice_once_per_ticket")
        ]
        indexes = [models.Index(fields=["sent_at"], name="messaging_notice_unsent")]

    def __str__(self):
        return f"{self.change_id} #{self.ticket_id}"


class Audience(models.TextChoices):
    EVENT_ATTENDEES = "event", _("An event's attendees")
    TICKET_TYPE = "ticket_type", _("The holders of a ticket type")
    SESSION_SEATS = "session", _("A workshop's seat holders")
    EXHIBITORS = "exhibitors", _("Exhibitors (of an event, or all)")


class AnnouncementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class Announcement(TransactionalRow):
    """A message an organiser writes once, in Vietnamese and English, and sends to an audience in batches."""

    subject_vi = models.CharField(_("subject (Vietnamese)"), max_length=200)
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    body_vi = models.TextField(_("message (Vietnamese)"), max_length=10000)
    body_en = models.TextField(_("message (English)"), max_length=10000)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    # Kept when the event, ticket type or workshop is deleted later: the log of what was sent stays.
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ticket_type = models.ForeignKey(
        "registration.TicketType",
        verbose_name=_("ticket type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("workshop"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AnnouncementStatus.choices, default=AnnouncementStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    queued_at = models.DateTimeField(_("sending started at"), null=True, blank=True)
    last_batch_at = models.DateTimeField(_("last batch sent at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished at"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self):
        return self.subject_vi


class RecipientStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENT = "sent", _("Sent")
    UNSUBSCRIBED = "unsubscribed", _("Not sent: unsubscribed")


class AnnouncementRecipient(TransactionalRow):
    """One line of an announcement's log: one address, its language, and whether the message went out."""

    announcement = models.ForeignKey(
        Announcement, verbose_name=_("announcement"), on_delete=models.CASCADE, related_name="recipients"
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=5, default="vi")
    status = models.CharField(
        _("status"), max_length=12, choices=RecipientStatus.choices, default=RecipientStatus.PENDING
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("announcement recipient")
        verbose_name_plural = _("announcement recipients")
        constraints = [
            models.UniqueConstraint(fields=["announcement", "email"], name="messaging_recipient_once")
        ]
        indexes = [models.Index(fields=["announcement", "status"], name="messaging_recipient_status")]

    def __str__(self):
        return f"{self.announcement_id} {self.status}"


class AnnouncementOptOut(TransactionalRow):
    """An address that asked to receive no more announcements (messages about its own tickets still go)."""

    email = models.EmailField(_("e-mail"), unique=True)
    created_at = models.DateTimeField(_("unsubscribed at"), default=timezone.now)

    class Meta:
        verbose_name = _("announcement opt-out")
        verbose_name_plural = _("announcement opt-outs")

    def __str__(self):
        return f"#{self.pk}"
