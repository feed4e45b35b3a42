"""Read-only public JSON API for the programme: events, their sessions, speakers."""

from datetime import date

from django.conf import settings
from django.db.models import Avg, Count
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import ListAPIView

from core.api import bad_parameter
from core.converters import parse_id
from core.links import absolute_url
from core.text import fold, words
from events.models import EventPage, EventType, SessionLanguage, SessionType, Speaker
from events.queries import event_pages_by_source


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", help_text="Page id of the event in the requested language.")
    source_id = serializers.SerializerMethodField(
        help_text="Id of the Vietnamese page, shared by both languages."
    )
    language = serializers.CharField(source="locale.language_code")
    title = serializers.CharField()
    summary = serializers.CharField()
    event_type = serializers.ChoiceField(choices=EventType.choices)
    status = serializers.ChoiceField(choices=["upcoming", "ongoing", "past", "cancelled"])
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    venue_name = serializers.CharField()
    venue_address = serializers.CharField()
    map_url = serializers.CharField()
    organiser = serializers.CharField()
    registration_opens_at = serializers.DateTimeField(allow_null=True)
    registration_closes_at = serializers.DateTimeField(allow_null=True)
    url = serializers.SerializerMethodField()
    agenda_url = serializers.SerializerMethodField()
    sessions_url = serializers.SerializerMethodField()
    ical_url = serializers.SerializerMethodField()
    schedule_json_url = serializers.SerializerMethodField()
    schedule_xml_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.INT)
    def get_source_id(self, page):
        return self.context["source_ids"].get(page.translation_key, page.pk)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, page):
        return absolute_url(page.url)

    @extend_schema_field(OpenApiTypes.URI)
    def get_agenda_url(self, page):
        return absolute_url(page.url + "agenda/")

    @extend_schema_field(OpenApiTypes.URI)
    def get_sessions_url(self, page):
        return absolute_url(reverse("api:events-sessions", args=[page.pk]))

    @extend_schema_field(OpenApiTypes.URI)
    def get_ical_url(self, page):
        return absolute_url(page.url + "agenda.ics")

    @extend_schema_field(OpenApiTypes.URI)
    def get_schedule_json_url(self, page):
        return absolute_url(page.url + "schedule.json")

    @extend_schema_field(OpenApiTypes.URI)
    def get_schedule_xml_url(self, page):
        return absolute_url(page.url + "schedule.xml")


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class TrackSerializer(NamedSerializer):
    colour = serializers.CharField()


class SessionSpeakerSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="speaker.pk")
    name = serializers.CharField(source="speaker.name")
    slug = serializers.CharField(source="speaker.slug")
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, link):
        return absolute_url(reverse("events:speaker_detail", args=[link.speaker.slug]))


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    guid = serializers.UUIDField()
    slug = serializers.CharField()
    title = serializers.CharField()
    title_vi = serializers.CharField()
    title_en = serializers.CharField()
    abstract = serializers.CharField()
    session_type = serializers.ChoiceField(choices=SessionType.choices)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    duration_minutes = serializers.SerializerMethodField()
    room = NamedSerializer(allow_null=True)
    track = TrackSerializer(allow_null=True)
    language = serializers.ChoiceField(choices=SessionLanguage.choices)
    level = serializers.CharField()
    capacity = serializers.IntegerField(allow_null=True, help_text="Seats; null means no limit.")
    requires_signup = serializers.BooleanField()
    is_featured = serializers.BooleanField()
    slides_url = serializers.CharField()
    video_url = serializers.CharField()
    changed_at = serializers.DateTimeField(
        allow_null=True, help_text="When the time or room changed after publication."
    )
    speakers = SessionSpeakerSerializer(source="speaker_links", many=True)
    url = serializers.SerializerMethodField()
    rating = serializers.SerializerMethodField(
        help_text="Attendees' feedback on a past session (1 to 5); null before it ends or under 5 ratings."
    )

    @extend_schema_field(OpenApiTypes.INT)
    def get_duration_minutes(self, session):
        return int((session.ends_at - session.starts_at).total_seconds() // 60)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, session):
        if "event_url" not in self.context:
            self.context["event_url"] = self.context["event_page"].url  # once per response, not per row
        return absolute_url(f"{self.context['event_url']}sessions/{session.slug}/")

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"average": {"type": "number"}, "count": {"type": "integer"}},
            "required": ["average", "count"],
        }
    )
    def get_rating(self, session):
        count = getattr(session, "feedback_count", None)
        if not count or count < settings.SESSION_FEEDBACK_PUBLIC_MINIMUM or session.ends_at > timezone.now():
            return None
        return {"average": round(session.feedback_average, 2), "count": count}


class SpeakerSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    slug = serializers.CharField()
    job_title = serializers.CharField()
    organisation = serializers.CharField()
    bio = serializers.CharField()
    photo_url = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_photo_url(self, speaker):
        if not speaker.photo_id:
            return None
        return absolute_url(speaker.photo.get_rendition("fill-320x320").url)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, speaker):
        return absolute_url(reverse("events:speaker_detail", args=[speaker.slug]))


LANGUAGE_PARAM = OpenApiParameter(
    "language",
    str,
    enum=["vi", "en"],
    description="Language of titles and links (default: Accept-Language, else vi).",
)
SEARCH_PARAM = OpenApiParameter(
    "search", str, description='Words to find, accents ignored ("da nang" finds "Đà Nẵng").'
)


class LanguageMixin:
    """Titles, names and links in the language asked for (`?language=`, else Accept-Language)."""

    def list(self, request, *args, **kwargs):
        with translation.override(_language(request)):
            return super().list(request, *args, **kwargs)


def _language(request):
    value = request.query_params.get("language")
    if value is None:
        active = (get_language() or "vi")[:2]
        return active if active in ("vi", "en") else "vi"
    if value not in ("vi", "en"):
        bad_parameter("language", "use vi or en")
    return value


def _parse_day(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        bad_parameter("day", "use YYYY-MM-DD")


@extend_schema(
    tags=["programme"],
    summary="Events (Digital Transformation Days, conferences, workshops, classes)",
    parameters=[
        LANGUAGE_PARAM,
        SEARCH_PARAM,
        OpenApiParameter(
            "status", str, enum=["upcoming", "past", "cancelled"], description="Only these events."
        ),
        OpenApiParameter(
            "type", str, enum=[c.value for c in EventType], description="Only this type of event."
        ),
    ],
)
class EventListView(LanguageMixin, ListAPIView):
    serializer_class = EventSerializer

    def get_queryset(self):
        params = self.request.query_params
        language = _language(self.request)
        qs = EventPage.objects.live().filter(locale__language_code=language).select_related("locale")
        status = params.get("status")
        now = timezone.now()
        if status == "upcoming":
            qs = qs.filter(ends_at__gte=now, is_cancelled=False)
        elif status == "past":
            qs = qs.filter(ends_at__lt=now)
        elif status == "cancelled":
            qs = qs.filter(is_cancelled=True)
        elif status is not None:
            bad_parameter("status", "use upcoming, past or cancelled")
        event_type = params.get("type")
        if event_type is not None:
            if event_type not in EventType.values:
                bad_parameter("type", "use one of " + ", ".join(EventType.values))
            qs = qs.filter(event_type=event_type)
        qs = qs.order_by("starts_at", "id")
        terms = words(params.get("search", "")[:100])
        if terms:
            # Events are few (dozens a year): fold in Python, which works the same on every database.
            qs = [
                page
                for page in qs
                if all(term in fold(f"{page.title} {page.summary} {page.venue_name}") for term in terms)
            ]
        return qs

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["source_ids"] = dict(
            EventPage.objects.filter(locale__language_code="vi").values_list("translation_key", "pk")
        )
        return context


@extend_schema(
    tags=["programme"],
    summary="Sessions of one event, in time order",
    parameters=[
        LANGUAGE_PARAM,
        SEARCH_PARAM,
        OpenApiParameter(
            "day", OpenApiTypes.DATE, description="Only sessions starting that day (YYYY-MM-DD)."
        ),
        OpenApiParameter("track", int, description="Track id."),
        OpenApiParameter("type", str, enum=[c.value for c in SessionType]),
        OpenApiParameter(
            "session_language", str, enum=["vi", "en"], description="Sessions given in this language."
        ),
    ],
)
class EventSessionListView(LanguageMixin, ListAPIView):
    serializer_class = SessionSerializer

    def get_event_page(self):
        if not hasattr(self, "_event_page"):
            page = get_object_or_404(EventPage.objects.live().select_related("locale"), pk=self.kwargs["pk"])
            language = _language(self.request)
            self._event_page = event_pages_by_source([page.source_event], language)[page.source_event.pk]
        return self._event_page

    def get_queryset(self):
        params = self.request.query_params
        qs = self.get_event_page().listed_sessions()
        if "day" in params:
            qs = qs.filter(starts_at__date=_parse_day(params["day"]))  # the date in Asia/Ho_Chi_Minh
        if "track" in params:
            track_id = parse_id(params["track"])
            if track_id is None:
                bad_parameter("track", "use a track id")
            qs = qs.filter(track_id=track_id)
        if "type" in params:
            if params["type"] not in SessionType.values:
                bad_parameter("type", "use one of " + ", ".join(SessionType.values))
            qs = qs.filter(session_type=params["type"])
        if "session_language" in params:
            if params["session_language"] not in ("vi", "en"):
                bad_parameter("session_language", "use vi or en")
            qs = qs.filter(language__in=[params["session_language"], "both"])
        for term in words(params.get("search", "")[:100]):
            qs = qs.filter(search_text__contains=term)
        # Feedback is participation's (the app above, which events never imports): read through the
        # ORM's reverse relation, in the list's one statement.
        return qs.annotate(feedback_count=Count("feedback"), feedback_average=Avg("feedback__rating"))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["event_page"] = self.get_event_page()
        return context


@extend_schema(
    tags=["programme"],
    summary="Speakers",
    parameters=[
        LANGUAGE_PARAM,
        SEARCH_PARAM,
        OpenApiParameter("event", int, description="Only speakers of this event."),
    ],
)
class SpeakerListView(LanguageMixin, ListAPIView):
    serializer_class = SpeakerSerializer

    def get_queryset(self):
        params = self.request.query_params
        _language(self.request)
        qs = Speaker.objects.select_related("photo").order_by("name", "id")
        if "event" in params:
            event_id = parse_id(params["event"])
            if event_id is None:
                bad_parameter("event", "use an event id")
            page = EventPage.objects.filter(pk=event_id).first()
            if page is None:
                bad_parameter("event", "no such event")
            qs = qs.filter(session_links__session__event=page.source_event).distinct()
        for term in words(params.get("search", "")[:100]):
            qs = qs.filter(search_text__contains=term)
        return qs
