"""Make in DaNang products: what exhibitors show, reviewed by the organisers before it is public."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.translation import TranslatedField
from exhibitors.models.companies import Exhibitor, Sector
from exhibitors.search import folded_document, with_search_text
from registration.templatetags.money import format_vnd_range


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
    "price_min",
    "price_max",
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
    # Amounts, not text: each language writes the range its own way (`30–70 triệu ₫`, `VND 30–70 million`).
    price_min = models.PositiveBigIntegerField(
        _("lowest price (VND)"),
        null=True,
        blank=True,
        help_text=_("Leave both prices empty to show “contact us”."),
    )
    price_max = models.PositiveBigIntegerField(_("highest price (VND)"), null=True, blank=True)
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
        super().save(*args, **with_search_text(kwargs))

    def get_absolute_url(self):
        return reverse("exhibitors:product_detail", kwargs={"slug": self.slug})

    @property
    def price(self):
        """The price range in the active language; "" when the company asks to be contacted."""
        return format_vnd_range(self.price_min, self.price_max)

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
        return folded_document(" ".join(p for p in parts if p))


class ProductImage(models.Model):
    """A picture of a product, in gallery order, with alt text in both languages."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_vi = models.CharField(_("alt text (Vietnamese)"), max_length=200)
    alt_en = models.CharField(_("alt text (English)"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(pgettext_lazy("sort", "order"), default=0)

    alt = TranslatedField()

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("product image")
        verbose_name_plural = _("product images")

    def __str__(self):
        return self.alt
