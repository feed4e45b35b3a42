"""Forms of the public application, the exhibitor portal and the organisers' review actions."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.phone import normalise_phone
from core.text import NameField
from events.models import Session
from exhibitors.models import (
    PRODUCT_REVIEWED_FIELDS,
    BoothPackage,
    Exhibitor,
    Maturity,
    Product,
    ProductCategory,
    Sector,
)
from exhibitors.services import remaining_booths
from exhibitors.validators import check_image_upload, normalise_tax_code, validate_tax_code
from registration.templatetags.money import format_vnd


class ImageUploadField(forms.FileField):
    """A file checked by its content (Pillow), not its name: images only, at most 5 MB, sane size."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and hasattr(upload, "size") and upload is not initial:
            check_image_upload(upload)
        return upload


class PhoneField(forms.CharField):
    """A phone number as people type it, cleaned to E.164 (`0905 123 456` → `+84905123456`)."""

    def clean(self, value):
        return normalise_phone(super().clean(value))


class TaxCodeField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if value:
            validate_tax_code(value)
            value = normalise_tax_code(value)
        return value


def package_choices():
    """Booth packages of events that have not ended, with how many booths are left."""
    packages = (
        BoothPackage.objects.filter(event__live=True, event__ends_at__gt=timezone.now())
        .select_related("event")
        .order_by("event__starts_at", "sort_order", "price")
    )
    return [p for p in packages if remaining_booths(p) > 0]


class PackageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, package):
        price = format_vnd(package.price) if package.price else _("free")
        return f"{package.event.title} · {package.name} ({package.size}, {price})"


class ApplicationForm(forms.Form):
    package = PackageChoiceField(
        queryset=BoothPackage.objects.none(), label=_("Event and booth package"), empty_label=None
    )
    company_name = NameField(label=_("Company name"), max_length=200)
    tax_code = TaxCodeField(
        label=_("Tax code (mã số thuế)"),
        max_length=20,
        help_text=_("10 digits, or 10 digits, a dash and 3 digits for a branch: 0401234567-001."),
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    address = forms.CharField(label=_("Address"), max_length=300)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    logo = ImageUploadField(
        label=_("Logo"), required=False, help_text=_("PNG, JPEG, GIF or WebP, at most 5 MB.")
    )
    description_vi = forms.CharField(
        label=_("Short description (Vietnamese)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    description_en = forms.CharField(
        label=_("Short description (English)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    planned_products = forms.CharField(
        label=_("Products you plan to show"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_make_in_danang = forms.BooleanField(
        label=_("Our company and products qualify as Make in DaNang (registered or developed in Đà Nẵng)"),
        required=False,
    )
    contact_name = NameField(label=_("Contact person"), max_length=120)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    contact_phone = PhoneField(
        label=_("Contact phone"), max_length=30, help_text=_("For example 0905 123 456 or +84 236 3831 022.")
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the organisers process these details to review this application and run the "
            "exhibition, as the privacy policy describes."
        ),
        error_messages={"required": _("We need your consent to process the application.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [p.pk for p in package_choices()]
        self.fields["package"].queryset = BoothPackage.objects.filter(pk__in=ids).select_related("event")

    def company(self):
        data = self.cleaned_data
        return {
            "name": data["company_name"],
            "tax_code": data["tax_code"],
            "sector": data["sector"],
            "address": data["address"],
            "website": data["website"],
            "description_vi": data["description_vi"],
            "description_en": data["description_en"],
            "is_make_in_danang": data["is_make_in_danang"],
        }

    def contact(self):
        data = self.cleaned_data
        return {
            "name": data["contact_name"],
            "email": data["contact_email"].lower(),
            "phone": data["contact_phone"],
        }


class ProfileForm(forms.ModelForm):
    contact_phone = PhoneField(label=_("Contact phone"), max_length=30)
    logo_upload = ImageUploadField(
        label=_("New logo"), required=False, help_text=_("PNG, JPEG, GIF or WebP, at most 5 MB.")
    )

    class Meta:
        model = Exhibitor
        fields = [
            "name",
            "sector",
            "address",
            "website",
            "description_vi",
            "description_en",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        field_classes = {"name": NameField, "contact_name": NameField}
        widgets = {
            "description_vi": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }


class SessionsByDayWidget(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset per day, each labelled with its time, room and title."""

    template_name = "exhibitors/widgets/sessions_by_day.html"


def session_choices(sessions):
    """`[("Thứ Bảy, 10/10/2027", [(id, "09:00–10:30 · Hội trường A · Khai mạc"), …]), …]`, in Đà Nẵng time.

    Many sessions share a title ("Trình diễn sản phẩm" in every hall), so the time and room tell them
    apart; with several events, each day also names its event.
    """
    sessions = list(sessions)
    several_events = len({s.event_id for s in sessions}) > 1
    groups = {}
    for session in sessions:
        start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        day = f"{date_format(start, 'l')}, {date_format(start, 'SHORT_DATE_FORMAT')}"
        if several_events:
            day = f"{session.event.title} · {day}"
        room = f" · {session.room.name}" if session.room else ""
        label = f"{start:%H:%M}–{end:%H:%M}{room} · {session.title}"
        groups.setdefault(day, []).append((session.pk, label))
    return list(groups.items())


class ProductForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = [*PRODUCT_REVIEWED_FIELDS, "sessions"]
        field_classes = {"name_vi": NameField, "name_en": NameField}
        widgets = {
            "description_vi": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
            "sessions": SessionsByDayWidget,
        }

    def __init__(self, *args, exhibitor=None, **kwargs):
        super().__init__(*args, **kwargs)
        event_ids = []
        if exhibitor is not None:
            event_ids = list(exhibitor.applications.values_list("event_id", flat=True))
        sessions = (
            Session.objects.filter(event_id__in=event_ids)
            .select_related("event", "room")
            .order_by("starts_at", "room__name_vi", "pk")
        )
        self.fields["sessions"].queryset = sessions
        self.fields["sessions"].choices = session_choices(sessions)
        self.fields["sessions"].required = False
        if self.instance and self.instance.pk and self.instance.pending:
            # Show the exhibitor its pending (not yet reviewed) text, not the public one.
            for field, value in self.instance.pending.items():
                if field in self.fields:
                    self.initial[field] = value

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The highest price cannot be lower than the lowest price."))
        return cleaned

    def product_data(self):
        return {k: v for k, v in self.cleaned_data.items() if k != "sessions"}


class ProductImageForm(forms.Form):
    image = ImageUploadField(label=_("Image"), help_text=_("PNG, JPEG, GIF or WebP, at most 5 MB."))
    alt_vi = forms.CharField(
        label=_("Describe the image (Vietnamese)"),
        max_length=200,
        help_text=_("Read aloud to blind visitors."),
    )
    alt_en = forms.CharField(label=_("Describe the image (English)"), max_length=200, required=False)


class InviteForm(forms.Form):
    name = NameField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"))


class LeadForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[("", "—")] + [(str(i), "★" * i) for i in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters: plain GET parameters, so they work without JavaScript."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=pgettext_lazy("product", "Category"),
        required=False,
        choices=[("", _("All"))] + ProductCategory.choices,
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=[("", _("All"))] + Sector.choices)
    maturity = forms.ChoiceField(
        label=_("Maturity"), required=False, choices=[("", _("All"))] + Maturity.choices
    )
    verified = forms.BooleanField(label=_("Verified Make in DaNang only"), required=False)
    award = forms.BooleanField(label=_("Award winners only"), required=False)
    event = forms.TypedChoiceField(label=_("Event"), required=False, coerce=int, empty_value=None)
    exhibitor = forms.CharField(required=False, widget=forms.HiddenInput, max_length=120)

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", _("All"))] + [(e.pk, e.title) for e in events]
