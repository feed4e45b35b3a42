"""Booths at an event, the packages they are sold in, and companies' applications for them."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.translation import TranslatedField
from events.models import PlacedOnPlan
from exhibitors.errors import ExhibitorError
from exhibitors.models.companies import Exhibitor
from exhibitors.search import folded_document, with_search_text
from registration.codes import REFERENCE_ALPHABET


class BoothPackage(models.Model):
    """What an exhibitor can book at one event: a booth size, its price and how many there are."""

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="booth_packages"
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    size = models.CharField(_("size"), max_length=40, help_text=_("For example 3 × 3 m"))
    price = models.PositiveBigIntegerField(_("price (VND)"), default=0)
    count_available = models.PositiveIntegerField(_("number of booths"), default=10)
    sort_order = models.PositiveSmallIntegerField(pgettext_lazy("sort", "order"), default=0)

    name = TranslatedField()

    class Meta:
        ordering = ["event", "sort_order", "price", "id"]
        verbose_name = _("booth package")
        verbose_name_plural = _("booth packages")

    def __str__(self):
        return f"{self.name} ({self.size})"


class BoothStatus(models.TextChoices):
    FREE = "free", pgettext_lazy("booth status", "Free")
    ASSIGNED = "assigned", _("Assigned, awaiting payment")
    PAID = "paid", _("Paid or confirmed")


class BoothQuerySet(models.QuerySet):
    def with_map_status(self):
        """Each booth's `map_status` (free, assigned or paid) from the application holding it."""
        holder = ExhibitorApplication.objects.filter(booth=models.OuterRef("pk"), status__in=HOLDING_STATUSES)
        return self.annotate(
            map_status=models.Case(
                models.When(
                    models.Exists(
                        holder.filter(status__in=[ApplicationStatus.PAID, ApplicationStatus.CONFIRMED])
                    ),
                    then=models.Value(BoothStatus.PAID),
                ),
                models.When(models.Exists(holder), then=models.Value(BoothStatus.ASSIGNED)),
                default=models.Value(BoothStatus.FREE),
                output_field=models.CharField(choices=BoothStatus.choices),
            )
        )


class Booth(PlacedOnPlan):
    """A numbered place in a hall of an event's venue, drawn on a floor plan; holds at most one exhibitor."""

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="booths"
    )
    hall = models.CharField(_("hall"), max_length=60)
    number = models.CharField(_("booth number"), max_length=20)
    size = models.CharField(_("size"), max_length=40, blank=True)
    package = models.ForeignKey(
        BoothPackage,
        verbose_name=_("package"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="booths",
    )

    objects = BoothQuerySet.as_manager()

    panels = [
        FieldPanel("event"),
        FieldRowPanel([FieldPanel("hall"), FieldPanel("number"), FieldPanel("size")]),
        FieldPanel("package"),
        *PlacedOnPlan.placement_panels,
    ]

    class Meta:
        ordering = ["event", "hall", "number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "hall", "number"], name="booth_unique_number")
        ]
        verbose_name = _("booth")
        verbose_name_plural = _("booths")

    def __str__(self):
        return f"{self.hall} · {self.number}"

    def get_map_status_display(self):
        return BoothStatus(getattr(self, "map_status", BoothStatus.FREE)).label

    def clean(self):
        if self.floor_plan_id and self.floor_plan.hall != self.hall:
            raise ValidationError(
                {"floor_plan": _("This floor plan is of hall %(hall)s.") % {"hall": self.floor_plan.hall}}
            )
        super().clean()


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved, awaiting payment")
    REJECTED = "rejected", _("Rejected")
    PAID = "paid", _("Paid")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_APPLICATION_STATUSES = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.APPROVED,
    ApplicationStatus.PAID,
    ApplicationStatus.CONFIRMED,
]
# Statuses that hold a booth of the package (stock is counted from these).
HOLDING_STATUSES = [ApplicationStatus.APPROVED, ApplicationStatus.PAID, ApplicationStatus.CONFIRMED]


class ExhibitorApplication(models.Model):
    """A company's request for a booth at one event, and its way through review, payment and confirmation."""

    reference = models.CharField(pgettext_lazy("booth application", "reference"), max_length=20, unique=True)
    exhibitor = models.ForeignKey(
        Exhibitor, verbose_name=_("exhibitor"), on_delete=models.CASCADE, related_name="applications"
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="exhibitor_applications",
    )
    package = models.ForeignKey(
        BoothPackage, verbose_name=_("booth package"), on_delete=models.PROTECT, related_name="applications"
    )
    booth = models.ForeignKey(
        Booth,
        verbose_name=_("booth"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    amount = models.PositiveBigIntegerField(_("booth fee (VND)"), default=0)
    planned_products = models.TextField(_("products to show"), max_length=2000, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=20)
    claims_make_in_danang = models.BooleanField(_("claims Make in DaNang"), default=False)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_policy_version = models.CharField(_("privacy policy version"), max_length=20, blank=True)
    reason = models.TextField(_("reason (rejection or cancellation)"), blank=True)
    payment_deadline = models.DateTimeField(_("payment deadline"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    # Folded reference and contact, so the admin's list search ignores accents ("nguyen" finds "Nguyễn").
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One exhibitor per booth: the database refuses a second holder even if two organisers race.
            models.UniqueConstraint(fields=["booth"], name="booth_one_exhibitor"),
            models.UniqueConstraint(
                fields=["exhibitor", "event"],
                condition=Q(status__in=["submitted", "approved", "paid", "confirmed"]),
                name="one_active_application_per_event",
            ),
        ]
        verbose_name = _("booth application")
        verbose_name_plural = _("booth applications")

    def __str__(self):
        return f"{self.reference} · {self.exhibitor}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference()
        contact = [self.reference, self.contact_name, self.contact_email, self.contact_phone]
        self.search_text = folded_document(" ".join(contact))
        super().save(*args, **with_search_text(kwargs))

    @property
    def needs_payment(self):
        return self.status == ApplicationStatus.APPROVED and self.amount > 0


def booth_status(application_status):
    """A booth's status on the map from the status of the application holding it (None: free)."""
    if application_status in (ApplicationStatus.PAID, ApplicationStatus.CONFIRMED):
        return BoothStatus.PAID
    if application_status == ApplicationStatus.APPROVED:
        return BoothStatus.ASSIGNED
    return BoothStatus.FREE


def new_reference():
    """A unique application reference such as `GH-7K3M9QX`, easy to read over the phone."""
    for _attempt in range(10):
        reference = "GH-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(7))
        if not ExhibitorApplication.objects.filter(reference=reference).exists():
            return reference
    raise ExhibitorError(_("Could not make a reference; please try again."), code="reference")
