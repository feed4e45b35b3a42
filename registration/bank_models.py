"""Bank transfers (VietQR): the receiving account, each incoming transfer and how it was matched, refunds.

Imported by `registration.models`, so Django finds these models in the registration app. A transfer
pays for an order (`order`) or, through another app's matcher, for something else it names by `kind`
and `reference` (exhibitors' booth fees).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.models import TransactionalRow
from core.vietqr import BANK_CHOICES, BANKS


class BankAccount(models.Model):
    """Where bank transfers go: for one event, or for every event that has none (event left empty)."""

    event = models.OneToOneField(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bank_account",
        help_text=_("Leave empty to use this account for every event without its own."),
    )
    bank_bin = models.CharField(_("bank"), max_length=6, choices=BANK_CHOICES)
    account_number = models.CharField(
        _("account number"), max_length=19, help_text=_("Digits (and letters for some banks), no spaces.")
    )
    account_name = models.CharField(_("account name"), max_length=100)
    hold_hours = models.PositiveSmallIntegerField(
        _("hold for bank transfers (hours)"),
        default=48,
        help_text=_(
            "How long an order paid by bank transfer keeps its places; a reminder goes at half time."
        ),
    )

    panels = [
        FieldPanel("event"),
        FieldPanel("bank_bin"),
        FieldRowPanel([FieldPanel("account_number"), FieldPanel("account_name")]),
        FieldPanel("hold_hours"),
    ]

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")

    def __str__(self):
        return f"{self.bank_name} {self.account_number}"

    @property
    def bank_name(self):
        return BANKS.get(self.bank_bin, self.bank_bin)

    @classmethod
    def for_event(cls, event):
        """The event's own account, else the site-wide one, else None (`event`: a page or its id)."""
        event = getattr(event, "source_event", event)
        accounts = cls.objects.filter(models.Q(event=event) | models.Q(event__isnull=True))
        return min(accounts, key=lambda account: account.event_id is None, default=None)

    def clean(self):
        if not self.account_number.isalnum():
            raise ValidationError({"account_number": _("Only letters and digits, no spaces.")})
        others = BankAccount.objects.exclude(pk=self.pk)
        if self.event_id is None and others.filter(event__isnull=True).exists():
            raise ValidationError({"event": _("There is already a site-wide bank account.")})


class TransferStatus(models.TextChoices):
    UNMATCHED = "unmatched", _("Unmatched")
    MATCHED = "matched", _("Matched")
    PARTIAL = "partial", _("Partially paid")
    OVERPAID = "overpaid", _("Overpaid: refund the excess")
    REFUND_DUE = "refund_due", _("To refund")
    REFUNDED = "refunded", _("Refunded")
    IGNORED = "ignored", _("Ignored")


class MatchMethod(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatic")
    MANUAL = "manual", _("Manual")


class BankTransfer(TransactionalRow):
    """One incoming transfer, from the webhook or a statement, recorded once by the bank's transaction id."""

    transaction_id = models.CharField(_("bank transaction id"), max_length=100, unique=True)
    source = models.CharField(_("source"), max_length=30)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    content = models.TextField(_("transfer note"), blank=True)
    account_number = models.CharField(_("account number"), max_length=40, blank=True)
    transferred_at = models.DateTimeField(_("transferred at"), db_index=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=TransferStatus.choices,
        default=TransferStatus.UNMATCHED,
        db_index=True,
    )
    # What it paid for: an order (kind "order"), or another app's payable named by kind and reference.
    kind = models.CharField(_("paid for"), max_length=20, blank=True)
    reference = models.CharField(_("reference"), max_length=20, blank=True, db_index=True)
    order = models.ForeignKey(
        "registration.Order",
        verbose_name=_("order"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bank_transfers",
    )
    refund_due = models.PositiveBigIntegerField(_("to refund (VND)"), default=0)
    # Of `refund_due`, what paid for the order itself (a cancellation's refund), as opposed to an excess,
    # a late or a duplicate payment: refunding it counts in the order's `refunded_amount`.
    refund_due_for_order = models.PositiveBigIntegerField(_("of which paid for the order (VND)"), default=0)
    match_method = models.CharField(_("matched"), max_length=10, choices=MatchMethod.choices, blank=True)
    matched_at = models.DateTimeField(_("matched at"), null=True, blank=True)
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("matched by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-transferred_at", "-id"]
        verbose_name = _("bank transfer")
        verbose_name_plural = _("bank transfers")

    def __str__(self):
        return self.transaction_id

    @property
    def refunded(self):
        return sum(refund.amount for refund in self.refunds.all())


class BankRefund(TransactionalRow):
    """Money given back by bank transfer, as the organiser recorded it (the bank does the transfer)."""

    transfer = models.ForeignKey(
        BankTransfer, verbose_name=_("bank transfer"), on_delete=models.PROTECT, related_name="refunds"
    )
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    refunded_on = models.DateField(_("refunded on"))
    transaction_id = models.CharField(_("bank transaction id"), max_length=100)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-refunded_on", "-id"]
        verbose_name = _("bank refund")
        verbose_name_plural = _("bank refunds")

    def __str__(self):
        return self.transaction_id
