from django import forms
from django.utils.translation import gettext_lazy as _

from exhibitors.models import ProductCategory


class VoteForm(forms.Form):
    """One category's choice, as the ticket page sends it; the service checks the product is a candidate."""

    category = forms.ChoiceField(choices=ProductCategory.choices)
    product = forms.IntegerField(
        min_value=1, error_messages={"required": _("Choose a product before voting.")}
    )
