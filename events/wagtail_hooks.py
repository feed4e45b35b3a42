"""The Programme menu in the Wagtail admin: sessions, speakers, rooms and tracks, in Vietnamese."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from core.converters import parse_id
from events.forms import SessionAdminForm
from events.models import EventPage, FloorPlan, MapPoint, Room, Session, Speaker, Track


class EventPrefilledCreateView(CreateView):
    """Opened from an event's page ("Add a session"): the event is already chosen."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        event_id = parse_id(self.request.GET.get("event"))
        if event_id:
            event = EventPage.objects.filter(pk=event_id).first()
            if event is not None:
                instance.event = event.source_event
        return instance


class SessionViewSet(SnippetViewSet):
    model = Session
    icon = "time"
    menu_label = _("Sessions")
    add_view_class = EventPrefilledCreateView
    edit_handler = ObjectList(Session.panels, base_form_class=SessionAdminForm)
    list_display = [
        "title_vi",
        "event",
        "starts_at",
        "room",
        "track",
        "session_type",
        BooleanColumn("is_changed", label=_("Changed after publication")),
    ]
    list_filter = ["event", "session_type", "language", "track", "room", "is_featured", "requires_signup"]
    search_fields = ["title_vi", "title_en"]
    list_export = [
        "guid",
        "event",
        "title_vi",
        "title_en",
        "session_type",
        "starts_at",
        "ends_at",
        "room",
        "track",
        "language",
        "level",
        "capacity",
        "requires_signup",
        "speaker_names",
        "changed_at",
    ]
    export_headings = {
        "guid": "GUID",
        "event": _("Event"),
        "title_vi": _("Title (Vietnamese)"),
        "title_en": _("Title (English)"),
        "session_type": _("Type"),
        "starts_at": _("Starts at"),
        "ends_at": _("Ends at"),
        "room": _("Room"),
        "track": _("Track"),
        "language": _("Language"),
        "level": _("Level"),
        "capacity": _("Capacity"),
        "requires_signup": _("Requires sign-up"),
        "speaker_names": _("Speakers"),
        "changed_at": _("Schedule changed at"),
    }
    export_filename = "sessions"
    ordering = ["starts_at"]

    def get_queryset(self, request):
        return Session.objects.select_related("event", "room", "track").prefetch_related(
            "speaker_links__speaker"
        )


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "organisation", "job_title_vi"]
    search_fields = ["name", "organisation"]
    list_export = ["name", "slug", "job_title_vi", "job_title_en", "organisation"]
    export_filename = "speakers"


class RoomViewSet(SnippetViewSet):
    model = Room
    icon = "home"
    menu_label = _("Rooms")
    add_view_class = EventPrefilledCreateView
    list_display = ["name_vi", "name_en", "event", "capacity", "floor_plan", "sort_order"]
    list_filter = ["event"]

    def get_queryset(self, request):
        return Room.objects.select_related("event", "floor_plan")


class TrackViewSet(SnippetViewSet):
    model = Track
    icon = "tag"
    menu_label = _("Tracks")
    add_view_class = EventPrefilledCreateView
    list_display = ["name_vi", "name_en", "event", "colour"]
    list_filter = ["event"]

    def get_queryset(self, request):
        return Track.objects.select_related("event")


class FloorPlanViewSet(SnippetViewSet):
    model = FloorPlan
    icon = "image"
    menu_label = _("Floor plans")
    add_view_class = EventPrefilledCreateView
    list_display = ["name_vi", "event", "hall", "floor", "width", "height"]
    list_filter = ["event"]

    def get_queryset(self, request):
        return FloorPlan.objects.select_related("event")


class MapPointViewSet(SnippetViewSet):
    model = MapPoint
    icon = "location"
    menu_label = _("“You are here” points")
    list_display = ["label_vi", "floor_plan", "x", "y", "code"]
    list_filter = ["floor_plan__event"]

    def get_queryset(self, request):
        return MapPoint.objects.select_related("floor_plan")


class ProgrammeGroup(SnippetViewSetGroup):
    menu_label = _("Programme")
    menu_icon = "date"
    menu_order = 210
    items = (SessionViewSet, SpeakerViewSet, RoomViewSet, TrackViewSet, FloorPlanViewSet, MapPointViewSet)


register_snippet(ProgrammeGroup)


@hooks.register("register_log_actions")
def register_programme_log_actions(actions):
    actions.register_action(
        "events.placed_on_plan", _("Placed on the floor plan"), _("Placed on the floor plan")
    )
    actions.register_action(
        "events.personal_agenda_created", _("Personal agenda created"), _("Personal agenda created")
    )
    actions.register_action(
        "events.personal_agenda_updated", _("Personal agenda updated"), _("Personal agenda updated")
    )


def _event_buttons(page):
    if page.specific_class is not EventPage:
        return
    source = page.specific.source_event
    sessions = reverse("wagtailsnippets_events_session:list") + f"?event={source.pk}"
    yield Button(_("Sessions"), sessions, icon_name="time", priority=90)
    add = reverse("wagtailsnippets_events_session:add") + f"?event={source.pk}"
    yield Button(_("Add a session"), add, icon_name="plus", priority=91)


@hooks.register("register_page_listing_more_buttons")
def event_listing_buttons(page, user, next_url=None):
    """Organisers reach an event's sessions from the page tree."""
    yield from _event_buttons(page)


@hooks.register("register_page_header_buttons")
def event_header_buttons(page, user, view_name, next_url=None):
    yield from _event_buttons(page)
