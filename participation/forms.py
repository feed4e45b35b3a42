"""What visitors send: a rating of an article, a question at a session."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotForm


class RatingForm(HoneypotForm):
    stars = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, n) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose from 1 to 5 stars.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=1000,
        help_text=_("Shown under the article after an editor has read it."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )


class QuestionForm(HoneypotForm):
    text = forms.CharField(
        label=_("Your question"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=80,
        help_text=_("Leave it empty to ask anonymously."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 5:
            raise ValidationError(_("Please write a little more (at least 5 characters)."))
        return text


class SessionFeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was this session?"),
        help_text=_("1: not useful, 5: very useful."),
        choices=[(n, n) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose from 1 to 5.")},
    )
    most_useful = forms.CharField(
        label=_("What was most useful? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )
    should_change = forms.CharField(
        label=_("What should change? (optional)"),
        required=False,
        max_length=1000,
        help_text=_(
            "Only the organisers and the session's speakers read your answers; they are never published."
        ),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )
