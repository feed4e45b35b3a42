"""Registration: ticket types per event, orders, tickets (one per named attendee), workshop seats, payments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.links import absolute_url
from core.models import TransactionalRow
from core.text import fold
from core.translation import TranslatedField

from .codes import generate_reference, generate_secret, generate_token


class TicketType(models.Model):
    """A kind of ticket for one event (general admission, workshop pass, VIP…), with its price and places."""

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="ticket_types"
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    description_vi = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    price = models.PositiveIntegerField(_("price (VND)"), default=0, help_text=_("0 means free."))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    sales_starts_at = models.DateTimeField(_("sales start"), null=True, blank=True)
    sales_ends_at = models.DateTimeField(_("sales end"), null=True, blank=True)
    max_per_order = models.PositiveSmallIntegerField(_("maximum per order"), default=10)
    is_hidden = models.BooleanField(
        _("hidden"),
        default=False,
        help_text=_("Only reachable through its secret link (for delegations, partners…)."),
    )
    access_token = models.CharField(
        _("secret link token"), max_length=40, unique=True, default=generate_token
    )
    requires_approval = models.BooleanField(
        _("requires approval"), default=False, help_text=_("An organiser approves each order (VIP, press).")
    )
    sort_order = models.PositiveSmallIntegerField(pgettext_lazy("sort", "order"), default=0)

    name = TranslatedField()
    description = TranslatedField()

    panels = [
        FieldPanel("event"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]),
                FieldPanel("description_vi"),
                FieldPanel("description_en"),
            ],
            heading=_("What"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price"), FieldPanel("capacity"), FieldPanel("max_per_order")]),
                FieldRowPanel([FieldPanel("sales_starts_at"), FieldPanel("sales_ends_at")]),
            ],
            heading=_("Price, places and sales window"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_hidden"), FieldPanel("requires_approval"), FieldPanel("sort_order")],
            heading=_("Access"),
        ),
    ]

    class Meta:
        ordering = ["event", "sort_order", "id"]
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")

    def __str__(self):
        return self.name

    @property
    def is_free(self):
        return self.price == 0

    @property
    def remaining(self):
        """Places left, from `sold`/`held` annotations (admin lists) or counted; None means no limit."""
        if self.capacity is None:
            return None
        if hasattr(self, "sold") and hasattr(self, "held"):
            return max(self.capacity - self.sold - self.held, 0)
        return max(self.capacity - self.tickets.holding_places().count(), 0)

    @property
    def invitation_url(self):
        """The secret link that opens a hidden type's registration page (vi)."""
        with translation.override("vi"):
            path = reverse("registration:register", args=[self.event_id])
        return absolute_url(f"{path}?access={self.access_token}")

    def on_sale(self, now=None):
        now = now or timezone.now()
        if self.sales_starts_at and now < self.sales_starts_at:
            return False
        return not (self.sales_ends_at and now >= self.sales_ends_at)


class OrderStatus(models.TextChoices):
    PENDING_EMAIL = "pending_email", _("Waiting for e-mail confirmation")
    PENDING_PAYMENT = "pending_payment", _("Waiting for payment")
    PENDING_APPROVAL = "pending_approval", _("Waiting for approval")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")
    REFUNDED = "refunded", _("Refunded")


# Orders in these states hold places; the two with a deadline hold them only until `expires_at`.
HOLDING_STATES = (OrderStatus.PENDING_EMAIL, OrderStatus.PENDING_PAYMENT, OrderStatus.PENDING_APPROVAL)
LIVE_STATES = (*HOLDING_STATES, OrderStatus.CONFIRMED)


def live_order_q(prefix="", now=None):
    """Orders that count against capacity: confirmed, or pending with a hold that has not run out."""
    now = now or timezone.now()
    return Q(**{f"{prefix}status": OrderStatus.CONFIRMED}) | (
        Q(**{f"{prefix}status__in": HOLDING_STATES})
        & (Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": now}))
    )


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Card (Stripe)")
    BANK = "bank", _("Bank transfer (VietQR)")


class Order(TransactionalRow):
    """One registration: who booked (e-mail), in which language, the tickets, and how it was paid."""

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.PROTECT, related_name="orders"
    )
    reference = models.CharField(_("reference"), max_length=12, unique=True, default=generate_reference)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="vi")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OrderStatus.choices,
        default=OrderStatus.PENDING_EMAIL,
        db_index=True,
    )
    total = models.PositiveIntegerField(_("total (VND)"), default=0)
    expires_at = models.DateTimeField(_("hold expires at"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Consent to processing (required) and to sharing with exhibitors (optional): purpose, version, time.
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_policy_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    share_with_exhibitors = models.BooleanField(_("share contact details with exhibitors"), default=False)
    share_consent_at = models.DateTimeField(_("sharing consent given at"), null=True, blank=True)
    # Stripe: the Checkout Session we sent the attendee to, and what came of it.
    stripe_session_id = models.CharField(
        _("Stripe Checkout Session"), max_length=255, blank=True, db_index=True
    )
    stripe_payment_intent = models.CharField(
        _("Stripe PaymentIntent"), max_length=255, blank=True, db_index=True
    )
    payment_method = models.CharField(
        _("payment method"), max_length=10, choices=PaymentMethod.choices, blank=True
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    refunded_amount = models.PositiveIntegerField(_("refunded (VND)"), default=0)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return self.reference

    @property
    def is_paid_order(self):
        return self.total > 0

    @property
    def is_live(self):
        if self.status == OrderStatus.CONFIRMED:
            return True
        return self.status in HOLDING_STATES and (self.expires_at is None or self.expires_at > timezone.now())


class AttendeeCategory(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    BUSINESS = "business", _("Business")
    GOVERNMENT = "government", _("Government")
    STUDENT = "student", _("Student")
    PRESS = "press", _("Press")
    INTERNATIONAL_GUEST = "international_guest", _("International guest")


class TicketStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    CANCELLED = "cancelled", _("Cancelled")


class TicketQuerySet(models.QuerySet):
    def holding_places(self, now=None):
        """Tickets that take a place: valid, in a confirmed order or a hold that has not run out."""
        return self.filter(status=TicketStatus.VALID).filter(live_order_q("order__", now))


class Ticket(TransactionalRow):
    """One named attendee's admission; its QR code carries `secret` and nothing else."""

    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="tickets"
    )
    ticket_type = models.ForeignKey(
        TicketType, verbose_name=_("ticket type"), on_delete=models.PROTECT, related_name="tickets"
    )
    secret = models.CharField(_("secret"), max_length=40, unique=True, default=generate_secret)
    attendee_name = models.CharField(_("attendee name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, help_text=_("E.164, e.g. +84905123456"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=AttendeeCategory.choices, default=AttendeeCategory.CITIZEN
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.VALID, db_index=True
    )
    share_with_exhibitors = models.BooleanField(_("share contact details with exhibitors"), default=False)
    note_for_staff = models.CharField(
        _("note for staff"), max_length=300, blank=True, help_text=_("Shown to volunteers at check-in.")
    )
    price = models.PositiveIntegerField(_("price paid (VND)"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Accent-folded name, e-mail, phone, organisation and order reference, for the scanner's manual search.
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    SEARCHED_FIELDS = ("attendee_name", "email", "phone", "organisation")

    objects = TicketQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        indexes = [models.Index(fields=["ticket_type", "status"])]

    def __str__(self):
        # No personal data: this label ends up in the audit log.
        return f"{self.order.reference}-{self.pk}" if self.order_id else f"ticket {self.pk}"

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(self.SEARCHED_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def build_search_text(self):
        parts = [getattr(self, name) for name in self.SEARCHED_FIELDS]
        return fold(" ".join(filter(None, [*parts, self.order.reference if self.order_id else ""])))

    @property
    def is_valid(self):
        return self.status == TicketStatus.VALID and self.order.status == OrderStatus.CONFIRMED

    @property
    def order_reference(self):
        return self.order.reference

    @property
    def order_status(self):
        return self.order.get_status_display()


class SeatStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("Waiting list")


class SessionSeat(TransactionalRow):
    """A ticket's seat in a workshop that needs sign-up, or its place on that workshop's waiting list."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="seats"
    )
    session = models.ForeignKey(
        "events.Session", verbose_name=_("session"), on_delete=models.CASCADE, related_name="seats"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SeatStatus.choices, default=SeatStatus.CONFIRMED
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("promoted from the waiting list at"), null=True, blank=True)

    class Meta:
        ordering = ["session", "created_at", "id"]
        verbose_name = _("workshop seat")
        verbose_name_plural = _("workshop seats")
        constraints = [models.UniqueConstraint(fields=["ticket", "session"], name="registration_seat_unique")]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return f"{self.ticket} @ {self.session_id} ({self.status})"


class ConsentPurpose(models.TextChoices):
    PROCESSING = "processing", _("Processing personal data to register and admit the attendee")
    SHARE_WITH_EXHIBITORS = "share_with_exhibitors", _("Sharing contact details with exhibitors")


class Consent(TransactionalRow):
    """A consent as given: for which purpose, under which version of the privacy notice, and when."""

    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=ConsentPurpose.choices)
    policy_version = models.CharField(_("privacy notice version"), max_length=20)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["given_at", "id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.order_id} {self.purpose} {self.policy_version}"


class RegistrationSettings(models.Model):
    """Per-event registration rules: how long pending orders hold places, and the refund rule."""

    event = models.OneToOneField(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registration_settings",
    )
    hold_minutes = models.PositiveSmallIntegerField(
        _("hold (minutes)"),
        default=30,
        help_text=_("How long an unconfirmed or unpaid order keeps its places."),
    )
    refund_percent = models.PositiveSmallIntegerField(
        _("refund (%)"),
        default=100,
        help_text=_("Share of the price refunded on cancellation before the deadline."),
    )
    refund_until_days = models.PositiveSmallIntegerField(_("refund until (days before the event)"), default=7)

    panels = [
        FieldPanel("event"),
        FieldPanel("hold_minutes"),
        FieldRowPanel([FieldPanel("refund_percent"), FieldPanel("refund_until_days")]),
    ]

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")

    def __str__(self):
        return str(self.event)


class StripeEvent(models.Model):
    """Each Stripe webhook event applied, by id: a second delivery of the same event does nothing."""

    event_id = models.CharField(_("event id"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=255, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=100, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self):
        return f"{self.event_id} {self.type}"


class SentEmail(TransactionalRow):
    """A log of e-mails sent about an order (erased with the order's personal data)."""

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(_("kind"), max_length=40)
    to = models.CharField(_("to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")

    def __str__(self):
        return f"{self.kind} {self.sent_at:%Y-%m-%d %H:%M}"


class PrivacyRequestKind(models.TextChoices):
    DOWNLOAD = "download", _("Download of personal data")
    ERASURE = "erasure", _("Erasure of personal data")


class PrivacyRequestChannel(models.TextChoices):
    WEB = "web", _("The registration page")
    PHONE = "phone", _("Phone (1022 hotline)")
    LETTER = "letter", _("Letter")
    EMAIL = "email", pgettext_lazy("channel", "E-mail")
    IN_PERSON = "in_person", _("In person")


class PrivacyRequest(TransactionalRow):
    """A person's request to download or erase their data: when it came, how, its deadline, who answered.

    Kept as proof that it was answered in time (Decree 13/2023); it holds no personal details itself.
    """

    kind = models.CharField(_("request"), max_length=10, choices=PrivacyRequestKind.choices)
    channel = models.CharField(
        _("received by"), max_length=10, choices=PrivacyRequestChannel.choices, default="web"
    )
    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="privacy_requests"
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    due_at = models.DateTimeField(_("answer due by"))
    completed_at = models.DateTimeField(_("answered at"), null=True, blank=True, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(
        _("why"),
        max_length=300,
        blank=True,
        help_text=_("How the request came and how the person was identified; no personal details."),
    )

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.order.reference}"

    @property
    def is_open(self):
        return self.completed_at is None


class RetentionRun(TransactionalRow):
    """One run of the retention rules: when, and how many rows of each kind were anonymised."""

    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    dry_run = models.BooleanField(_("dry run"), default=False)
    counts = models.JSONField(_("rows anonymised"), default=dict)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}"


# Bank transfers live in their own module; imported here so that Django registers them with this app.
from .bank_models import BankAccount, BankRefund, BankTransfer, MatchMethod, TransferStatus  # noqa: E402, F401
