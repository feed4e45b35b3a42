"""The showcase: exhibiting companies, their booths at events and their Make in DaNang products."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.translation import TranslatedField
from exhibitors.search import fold
from exhibitors.validators import validate_phone, validate_tax_code


class Sector(models.TextChoices):
    SMART_CITY = "smart_city", _("Smart city and IOC")
    E_GOVERNMENT = "e_government", _("E-government and public services")
    FINTECH = "fintech", _("Fintech and digital payments")
    EDTECH = "edtech", _("Edtech")
    HEALTHTECH = "healthtech", _("Healthtech")
    AGRITECH = "agritech", _("Agritech and fisheries")
    TOURISM = "tourism", _("Tourism and hospitality tech")
    LOGISTICS = "logistics", _("Logistics")
    CYBERSECURITY = "cybersecurity", _("Cybersecurity")
    AI_DATA = "ai_data", _("AI and data")
    IOT = "iot", _("IoT and semiconductors")
    ECOMMERCE = "ecommerce", _("E-commerce")


class ProductCategory(models.TextChoices):
    SOFTWARE = "software", _("Software and platforms")
    MOBILE_APP = "mobile_app", _("Mobile app")
    HARDWARE = "hardware", _("Hardware and devices")
    SERVICE = "service", _("Digital service")
    DATA = "data", _("Data and AI solution")
    CONTENT = "content", _("Digital content and training")


class Maturity(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROTOTYPE = "prototype", _("Prototype")
    ON_MARKET = "on_market", _("On the market")


class Exhibitor(models.Model):
    """A company that exhibits (or applied to): its public profile and the people who manage it."""

    name = models.CharField(_("company name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    tax_code = models.CharField(
        _("tax code"),
        max_length=14,
        unique=True,
        validators=[validate_tax_code],
        help_text=_("Mã số thuế: 10 digits, or 10 + '-' + 3 for a branch."),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description_vi = models.TextField(_("description (Vietnamese)"), max_length=2000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=2000, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(
        _("contact phone"), max_length=20, validators=[validate_phone], help_text=_("Stored as +84…")
    )
    is_make_in_danang = models.BooleanField(
        _("claims Make in DaNang"),
        default=False,
        help_text=_("The company says it is registered or develops its products in Đà Nẵng."),
    )
    is_public = models.BooleanField(
        _("shown in the directory"), default=False, help_text=_("Set when an application is approved.")
    )
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ExhibitorMember",
        through_fields=("exhibitor", "user"),
        related_name="exhibitors",
        verbose_name=_("portal users"),
        blank=True,
    )
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    description = TranslatedField()

    class Meta:
        ordering = ["name"]
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join([self.name, self.description_vi, self.description_en, self.address]))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = list(update_fields) + ["search_text"]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("exhibitors:exhibitor_detail", kwargs={"slug": self.slug})


class ExhibitorMember(models.Model):
    """A login that may manage one exhibitor in the portal (several per company)."""

    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exhibitor_memberships"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["exhibitor", "user"], name="exhibitor_member_unique")]
        verbose_name = _("portal user")
        verbose_name_plural = _("portal users")

    def __str__(self):
        return f"{self.user} @ {self.exhibitor}"


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
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    name = TranslatedField()

    class Meta:
        ordering = ["event", "sort_order", "price", "id"]
        verbose_name = _("booth package")
        verbose_name_plural = _("booth packages")

    def __str__(self):
        return f"{self.name} ({self.size})"


class Booth(models.Model):
    """A numbered place in a hall of an event's venue; holds at most one exhibitor."""

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

    class Meta:
        ordering = ["event", "hall", "number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "hall", "number"], name="booth_unique_number")
        ]
        verbose_name = _("booth")
        verbose_name_plural = _("booths")

    def __str__(self):
        return f"{self.hall} · {self.number}"


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
            from exhibitors.services import new_reference

            self.reference = new_reference()
        super().save(*args, **kwargs)

    @property
    def needs_payment(self):
        return self.status == ApplicationStatus.APPROVED and self.amount > 0


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


# Fields an exhibitor edits; for a published product their new values wait in `pending` until reviewed.
PRODUCT_REVIEWED_FIELDS = [
    "name_vi",
    "name_en",
    "description_vi",
    "description_en",
    "category",
    "sector",
    "maturity",
    "target_customers",
    "price_range",
    "website",
    "demo_video_url",
    "awards",
]


class ProductQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ProductStatus.PUBLISHED)

    def awaiting_review(self):
        return self.filter(Q(status=ProductStatus.SUBMITTED) | Q(pending_status=ProductStatus.SUBMITTED))


class Product(models.Model):
    """A product or solution an exhibitor shows; public once an organiser has reviewed it."""

    exhibitor = models.ForeignKey(
        Exhibitor, verbose_name=_("exhibitor"), on_delete=models.CASCADE, related_name="products"
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    slug = models.SlugField(_("slug"), max_length=180, unique=True)
    description_vi = models.TextField(_("description (Vietnamese)"), max_length=5000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=5000, blank=True)
    category = models.CharField(
        pgettext_lazy("product", "category"), max_length=20, choices=ProductCategory.choices
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    maturity = models.CharField(
        _("maturity"), max_length=12, choices=Maturity.choices, default=Maturity.ON_MARKET
    )
    target_customers = models.CharField(_("target customers"), max_length=300, blank=True)
    price_range = models.CharField(
        _("price range"), max_length=120, blank=True, help_text=_("Leave empty to show “contact us”.")
    )
    website = models.URLField(_("website"), blank=True)
    demo_video_url = models.URLField(_("demo video"), blank=True)
    awards = models.CharField(_("awards"), max_length=300, blank=True)
    sessions = models.ManyToManyField(
        "events.Session",
        verbose_name=_("demonstrated in sessions"),
        blank=True,
        related_name="demonstrated_products",
    )
    is_verified_make_in_danang = models.BooleanField(
        _("verified Make in DaNang"), default=False, help_text=_("Granted by the organisers after checking.")
    )
    is_featured = models.BooleanField(_("featured"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ProductStatus.choices, default=ProductStatus.DRAFT
    )
    review_reason = models.TextField(_("review comment"), blank=True)
    # Proposed changes to a published product, applied only when an organiser approves them.
    pending = models.JSONField(_("pending changes"), null=True, blank=True)
    pending_status = models.CharField(
        _("pending changes status"), max_length=12, choices=ProductStatus.choices, blank=True
    )
    # Folded (lower case, no accents) name, description and company, for accent-insensitive search.
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    name = TranslatedField()
    description = TranslatedField()

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "sector"]), models.Index(fields=["status", "category"])]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = list(update_fields) + ["search_text"]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("exhibitors:product_detail", kwargs={"slug": self.slug})

    @property
    def has_award(self):
        return bool(self.awards)

    def build_search_text(self, exhibitor_name=None):
        parts = [
            self.name_vi,
            self.name_en,
            self.description_vi,
            self.description_en,
            self.target_customers,
            self.awards,
            exhibitor_name if exhibitor_name is not None else self.exhibitor.name,
        ]
        return fold(" ".join(p for p in parts if p))


class ProductImage(models.Model):
    """A picture of a product, in gallery order, with alt text in both languages."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_vi = models.CharField(_("alt text (Vietnamese)"), max_length=200)
    alt_en = models.CharField(_("alt text (English)"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    alt = TranslatedField()

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("product image")
        verbose_name_plural = _("product images")

    def __str__(self):
        return self.alt


class Lead(models.Model):
    """A visitor whose ticket an exhibitor scanned at its booth; personal details only if they opted in."""

    # Transactional rows: nothing links to them, and indexing each save cost a third of an order's time.
    wagtail_reference_index_ignore = True

    exhibitor = models.ForeignKey(
        Exhibitor, verbose_name=_("exhibitor"), on_delete=models.CASCADE, related_name="leads"
    )
    ticket = models.ForeignKey(
        "registration.Ticket",
        verbose_name=_("ticket"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    shared = models.BooleanField(_("details shared"), default=False)
    # A snapshot taken at the scan, and only when the attendee agreed to share with exhibitors.
    name = models.CharField(_("name"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    scanned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("scanned at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["exhibitor", "ticket"], name="lead_once_per_ticket")]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")

    def __str__(self):
        return self.name or str(_("A visitor who did not share details"))
