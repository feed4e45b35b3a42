"""Exhibiting companies and the people who manage them in the portal."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.phone import validate_phone
from core.translation import TranslatedField
from exhibitors.search import folded_document, with_search_text
from exhibitors.validators import validate_tax_code


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
        self.search_text = folded_document(
            " ".join([self.name, self.description_vi, self.description_en, self.address])
        )
        super().save(*args, **with_search_text(kwargs))

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
