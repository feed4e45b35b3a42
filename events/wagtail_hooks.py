"""The Programme menu in the Wagtail admin: sessions, speakers, rooms and tracks."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from events.models import Room, Session, Speaker, Track


class SessionViewSet(SnippetViewSet):
    model = Session
    icon = "time"
    menu_label = _("Sessions")
    list_display = ["title_vi", "event", "starts_at", "room", "track", "session_type"]
    list_filter = ["event", "session_type", "language", "track", "room", "is_featured"]
    search_fields = ["title_vi", "title_en"]
    list_export = ["title_vi", "title_en", "event", "session_type", "starts_at", "ends_at", "room", "track"]
    ordering = ["starts_at"]


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "organisation", "job_title_vi"]
    search_fields = ["name", "organisation"]
    list_export = ["name", "slug", "job_title_vi", "job_title_en", "organisation"]


class RoomViewSet(SnippetViewSet):
    model = Room
    icon = "home"
    menu_label = _("Rooms")
    list_display = ["name_vi", "name_en", "event", "capacity", "sort_order"]
    list_filter = ["event"]


class TrackViewSet(SnippetViewSet):
    model = Track
    icon = "tag"
    menu_label = _("Tracks")
    list_display = ["name_vi", "name_en", "event", "colour"]
    list_filter = ["event"]


class ProgrammeGroup(SnippetViewSetGroup):
    menu_label = _("Programme")
    menu_icon = "date"
    menu_order = 210
    items = (SessionViewSet, SpeakerViewSet, RoomViewSet, TrackViewSet)


register_snippet(ProgrammeGroup)
