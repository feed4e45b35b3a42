"""The support request form: who is asking, how to reach them, what about, and their consent."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from content.choices import SupportTopic
from core.forms import HoneypotForm
from core.phone import normalise_phone

CONSENT_TEXT = _(
    "I agree that the organisers use my name and contact details to answer this request, "
    "and delete them within 12 months."
)

HOTLINE_CONSENT_TEXT = _(
    "The caller agreed that the organisers use their name and contact details to answer this request, "
    "and delete them within 12 months."
)


def normalise_contact(value):
    """An e-mail address as given, or a Vietnamese phone number in E.164 form; (email, phone)."""
    value = (value or "").strip()
    if "@" in value:
        validate_email(value)
        return value, ""
    # core.phone reads the number; the messages speak of "e-mail or phone", as the field does.
    try:
        phone = normalise_phone(value)
    except ValidationError as error:
        if error.code == "phone_invalid":
            raise ValidationError(
                _("This phone number does not look right: check the number of digits."), code="phone_invalid"
            ) from error
        phone = ""
    if not phone:
        raise ValidationError(_("Enter an e-mail address or a phone number."), code="contact_format")
    return "", phone


class SupportRequestForm(HoneypotForm):
    name = forms.CharField(
        label=_("Your name"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact = forms.CharField(
        label=_("E-mail or phone number"),
        max_length=120,
        help_text=_("We answer by e-mail or by phone, e.g. 0905 123 456."),
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=[("", _("Choose a topic"))] + SupportTopic.choices)
    message = forms.CharField(
        label=_("Your question or request"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6})
    )
    consent = forms.BooleanField(label=CONSENT_TEXT, required=True)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError(_("Please tell us your name."))
        return name

    def clean_contact(self):
        email, phone = normalise_contact(self.cleaned_data["contact"])
        self.cleaned_data["email"], self.cleaned_data["phone"] = email, phone
        return email or phone

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise ValidationError(_("Please write a little more (at least 10 characters)."))
        return message


class SupportStatusForm(forms.Form):
    """The two things that open a support request's status page: its reference and the person's contact."""

    reference = forms.CharField(
        label=pgettext_lazy("support request", "Reference"),
        max_length=20,
        help_text=_("As in the e-mail or on the screen after sending, e.g. HT-7K3M9Q."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    contact = forms.CharField(
        label=_("E-mail or phone number"),
        max_length=120,
        help_text=_("The one you gave with the request."),
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )


class HotlineRequestForm(forms.Form):
    """A hotline call an organiser writes down in the admin: the same request as the website's form."""

    name = forms.CharField(label=_("Caller's name"), max_length=120)
    contact = forms.CharField(label=_("E-mail or phone number"), max_length=120)
    topic = forms.ChoiceField(label=_("Topic"), choices=SupportTopic.choices)
    message = forms.CharField(label=_("Question or request"), max_length=3000, widget=forms.Textarea)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    consent = forms.BooleanField(label=HOTLINE_CONSENT_TEXT, required=True)

    def clean_contact(self):
        email, phone = normalise_contact(self.cleaned_data["contact"])
        self.cleaned_data["email"], self.cleaned_data["phone"] = email, phone
        return email or phone


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=get_user_model().objects.filter(is_active=True, is_staff=True).order_by("username"),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("E-mailed to the person and shown on the request's status page."),
    )
