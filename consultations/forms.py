"""The comment form of a consultation page."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotForm

CONSENT_TEXT = _(
    "I agree that the organisers keep my name, e-mail address and organisation with my comment, pass the "
    "comment to the drafting committee, and publish it with my name and organisation (never my e-mail "
    "address) once moderated."
)


class CommentForm(HoneypotForm):
    section = forms.ChoiceField(label=_("Section you comment on"))
    name = forms.CharField(
        label=_("Your name"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send you a link to confirm your comment. It is never published."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    text = forms.CharField(
        label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6, "maxlength": 5000})
    )
    consent = forms.BooleanField(label=CONSENT_TEXT, required=True)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("Choose a section")), *sections]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError(_("Please tell us your name."))
        return name

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 10:
            raise ValidationError(_("Please write a little more (at least 10 characters)."))
        return text
