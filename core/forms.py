"""What the public forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotForm(forms.Form):
    """A form with a field people never see (templates/includes/honeypot.html hides it): bots that
    fill every field give themselves away, and the view drops what they send without telling them."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))

    def visible_fields(self):
        """The fields a person fills in: the honeypot is rendered on its own, out of sight."""
        return [field for field in super().visible_fields() if field.name != "website"]
