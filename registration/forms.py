"""Registration forms: ticket quantities, one block of details per attendee, consent."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.phone import normalise_phone
from core.text import NameField

from .models import AttendeeCategory


def session_label(session):
    """`Title (08:30–10:00, 10/10)` in Đà Nẵng time."""
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return f"{session.title} ({start:%H:%M}–{end:%H:%M}, {start:%d/%m})"


class TicketQuantitiesForm(forms.Form):
    """One quantity field per ticket type on sale (`q_<id>`)."""

    def __init__(self, *args, ticket_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.ticket_types = list(ticket_types)
        for ticket_type in self.ticket_types:
            self.fields[f"q_{ticket_type.pk}"] = forms.IntegerField(
                label=ticket_type.name,
                min_value=0,
                max_value=ticket_type.max_per_order,
                initial=0,
                required=False,
                error_messages={
                    "max_value": _("At most %(limit_value)s tickets of this type per order."),
                    "min_value": _("The number of tickets cannot be negative."),
                    "invalid": _("Enter a whole number."),
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "quantity"}),
            )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(f"q_{t.pk}") for t in self.ticket_types):
            raise forms.ValidationError(_("Choose at least one ticket."), code="too_few")
        return cleaned

    def quantities(self):
        return [(t, self.cleaned_data.get(f"q_{t.pk}") or 0) for t in self.ticket_types]

    def field_for(self, ticket_type):
        return self[f"q_{ticket_type.pk}"]


class AttendeeForm(forms.Form):
    name = NameField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Leave empty to use the contact e-mail."),
        error_messages={"invalid": _("Enter a valid e-mail address.")},
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    organisation = NameField(label=_("Organisation"), max_length=200, required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    category = forms.ChoiceField(label=_("I attend as"), choices=AttendeeCategory.choices)
    sessions = forms.MultipleChoiceField(
        label=_("Workshops (limited places)"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, ticket_type, sessions=(), seats_left=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.ticket_type = ticket_type
        seats_left = seats_left or {}
        choices = []
        for session in sessions:
            label = session_label(session)
            left = seats_left.get(session.pk)
            if left is not None and left <= 0:
                label += " — " + str(_("full: you will join the waiting list"))
            choices.append((str(session.pk), label))
        self.fields["sessions"].choices = choices
        if not choices:
            del self.fields["sessions"]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"

    def clean_phone(self):
        return normalise_phone(self.cleaned_data.get("phone"))

    def session_ids(self):
        return [int(s) for s in self.cleaned_data.get("sessions") or []]


class ContactForm(forms.Form):
    email = forms.EmailField(
        label=_("Contact e-mail"),
        help_text=_("We send the confirmation link and the tickets here."),
        error_messages={
            "invalid": _("Enter a valid e-mail address."),
            "required": _("Enter your e-mail address."),
        },
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Please agree to the processing of your personal data to register.")},
    )
    share_with_exhibitors = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class WorkshopChoiceForm(forms.Form):
    sessions = forms.MultipleChoiceField(
        label=_("Workshops"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].choices = [(str(s.pk), session_label(s)) for s in sessions]
