"""Admin forms: a session is checked against its event's dates, its room's and its speakers' other sessions."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.converters import parse_id
from events.models import Room, Session, SessionSpeaker, Track


def _when(start, end):
    start, end = timezone.localtime(start), timezone.localtime(end)
    return f"{date_format(start, 'SHORT_DATE_FORMAT')} {start:%H:%M}–{end:%H:%M}"


class SessionAdminForm(WagtailAdminModelForm):
    """Catches the clashes organisers make: bad times, dates outside the event, double bookings."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event_id = self.instance.event_id or self.initial.get("event") or self.data.get("event")
        for name, model in (("room", Room), ("track", Track)):
            field = self.fields.get(name)
            if field is None:
                continue
            if known_event := parse_id(event_id):
                field.queryset = model.objects.filter(event_id=known_event)
            else:
                field.queryset = model.objects.select_related("event")
                field.label_from_instance = lambda obj: f"{obj.name} · {obj.event.title}"

    def clean(self):
        cleaned = super().clean()
        event = cleaned.get("event")
        if event is not None:
            # Rows belong to the Vietnamese page, whichever language the organiser picked.
            event = event.specific.source_event
            cleaned["event"] = event
            self.instance.event = event
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        room, track = cleaned.get("room"), cleaned.get("track")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
            return cleaned
        if event is not None and starts and ends:
            if starts < event.starts_at or ends > event.ends_at:
                self.add_error(
                    "starts_at",
                    _("The session falls outside the event's dates (%(when)s).")
                    % {
                        "when": f"{date_format(timezone.localtime(event.starts_at), 'SHORT_DATETIME_FORMAT')} – "
                        f"{date_format(timezone.localtime(event.ends_at), 'SHORT_DATETIME_FORMAT')}"
                    },
                )
        if event is not None and room is not None and room.event_id != event.pk:
            self.add_error("room", _("This room belongs to another event."))
            room = None
        if event is not None and track is not None and track.event_id != event.pk:
            self.add_error("track", _("This track belongs to another event."))
        if room is not None and starts and ends:
            clash = (
                Session.objects.filter(room=room, starts_at__lt=ends, ends_at__gt=starts)
                .exclude(pk=self.instance.pk)
                .order_by("starts_at")
                .first()
            )
            if clash:
                self.add_error(
                    "room",
                    _("%(room)s is already booked for “%(title)s” (%(when)s).")
                    % {
                        "room": room.name,
                        "title": clash.title,
                        "when": _when(clash.starts_at, clash.ends_at),
                    },
                )
        if starts and ends:
            self._check_speakers(starts, ends)
        return cleaned

    def _check_speakers(self, starts, ends):
        formset = self.formsets.get("speaker_links") if hasattr(self, "formsets") else None
        if formset is None or not formset.is_valid():
            return
        seen = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            speaker = data.get("speaker")
            if speaker is None or data.get("DELETE"):
                continue
            if speaker.pk in seen:
                form.add_error("speaker", _("This speaker is listed twice."))
                continue
            seen.add(speaker.pk)
            clash = (
                SessionSpeaker.objects.filter(
                    speaker=speaker, session__starts_at__lt=ends, session__ends_at__gt=starts
                )
                .exclude(session_id=self.instance.pk)
                .select_related("session")
                .order_by("session__starts_at")
                .first()
            )
            if clash:
                message = _("%(speaker)s is already speaking at “%(title)s” (%(when)s).") % {
                    "speaker": speaker.name,
                    "title": clash.session.title,
                    "when": _when(clash.session.starts_at, clash.session.ends_at),
                }
                form.add_error("speaker", message)
                self.add_error(None, message)
