"""The organiser's announcement form: the message in both languages and who receives it."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from events.models import EventPage, Session
from registration.models import TicketType

from .models import Announcement, Audience


class LabelledChoiceField(forms.ModelChoiceField):
    """Ticket types and workshops are named with their event: the same name recurs every year."""

    def label_from_instance(self, obj):
        return f"{obj.event.title} · {obj}"


class AnnouncementForm(forms.ModelForm):
    ticket_type = LabelledChoiceField(
        label=_("ticket type"), required=False, queryset=TicketType.objects.select_related("event")
    )
    session = LabelledChoiceField(
        label=_("workshop"),
        required=False,
        queryset=Session.objects.filter(requires_signup=True).select_related("event").order_by("starts_at"),
    )

    class Meta:
        model = Announcement
        fields = [
            "subject_vi",
            "body_vi",
            "subject_en",
            "body_en",
            "audience",
            "event",
            "ticket_type",
            "session",
        ]
        widgets = {"body_vi": forms.Textarea(attrs={"rows": 8}), "body_en": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "event": _("For an event's attendees; for exhibitors, those with a booth at it (empty: all)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = EventPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).order_by("-starts_at")

    def clean(self):
        data = super().clean()
        audience = data.get("audience")
        needs = {
            Audience.EVENT_ATTENDEES: ("event", _("Choose the event whose attendees receive it.")),
            Audience.TICKET_TYPE: ("ticket_type", _("Choose the ticket type whose holders receive it.")),
            Audience.SESSION_SEATS: ("session", _("Choose the workshop whose seat holders receive it.")),
        }
        if audience in needs:
            field, message = needs[audience]
            if not data.get(field):
                self.add_error(field, message)
        return data
