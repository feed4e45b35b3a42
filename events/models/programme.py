"""The programme of an event: its rooms, tracks, sessions and their speakers, and the schedule's version."""

import re
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from core.text import folded_document
from core.translation import TranslatedField
from events.choices import SessionLanguage, SessionLevel, SessionType
from events.models.venue import PlacedOnPlan

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


class Room(PlacedOnPlan):
    """A room (hall, classroom, stage) of an event's venue; the agenda's columns; placed on a floor plan."""

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="rooms"
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(pgettext_lazy("sort", "order"), default=0)

    name = TranslatedField()

    panels = [
        FieldPanel("event"),
        FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("sort_order")]),
        *PlacedOnPlan.placement_panels,
    ]

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        return self.name


class Track(models.Model):
    """A thematic strand of an event's programme, shown with its colour."""

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="tracks"
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#0b5cad",
        help_text=_("Hex colour such as #0b5cad; choose one dark enough for white text."),
    )
    sort_order = models.PositiveSmallIntegerField(pgettext_lazy("sort", "order"), default=0)

    name = TranslatedField()

    panels = [
        FieldPanel("event"),
        FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("colour"), FieldPanel("sort_order")]),
    ]

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")

    def __str__(self):
        return self.name

    def clean(self):
        if not HEX_COLOUR.fullmatch(self.colour or ""):
            raise ValidationError({"colour": _("Enter a colour as # followed by six hex digits.")})


class Speaker(index.Indexed, models.Model):
    """A person who speaks at sessions; shared by all events."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True, allow_unicode=False)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    job_title_vi = models.CharField(_("job title (Vietnamese)"), max_length=200, blank=True)
    job_title_en = models.CharField(_("job title (English)"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    bio_vi = models.TextField(_("bio (Vietnamese)"), blank=True)
    bio_en = models.TextField(_("bio (English)"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Folded copy of the searchable text, so `?search=` ignores accents on every database.
    search_text = models.TextField(editable=False, blank=True, default="")

    job_title = TranslatedField()
    bio = TranslatedField()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("job_title_vi"), FieldPanel("job_title_en")]),
        FieldPanel("organisation"),
        FieldPanel("bio_vi"),
        FieldPanel("bio_en"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
    ]

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = folded_document(
            " ".join([self.name, self.organisation, self.job_title_vi, self.job_title_en])
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"search_text"}
        super().save(*args, **kwargs)


class Session(ClusterableModel):
    """One item of an event's agenda: a talk, panel, workshop, ceremony or break, in a room at a time."""

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    slug = models.SlugField(_("slug"), max_length=120)
    abstract_vi = models.TextField(_("abstract (Vietnamese)"), blank=True)
    abstract_en = models.TextField(_("abstract (English)"), blank=True)
    session_type = models.CharField(
        _("type"), max_length=20, choices=SessionType.choices, default=SessionType.TALK
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("track"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    language = models.CharField(
        _("language"), max_length=4, choices=SessionLanguage.choices, default=SessionLanguage.VI
    )
    level = models.CharField(
        _("level"), max_length=20, choices=SessionLevel.choices, default=SessionLevel.ALL
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    requires_signup = models.BooleanField(
        _("requires sign-up"),
        default=False,
        help_text=_("Attendees must sign up for a seat (workshops with limited places)."),
    )
    slides_url = models.URLField(_("slides link"), blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    is_featured = models.BooleanField(_("featured"), default=False, help_text=_("Shown on the home page."))
    changed_at = models.DateTimeField(
        _("schedule changed at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the time or room changes after the agenda was published."),
    )
    guid = models.UUIDField(_("GUID"), default=uuid.uuid4, unique=True, editable=False)
    # iCalendar SEQUENCE: moves with each change of time, room or title, so calendars update the entry.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    title = TranslatedField()
    abstract = TranslatedField()

    panels = [
        FieldPanel("event"),
        MultiFieldPanel(
            [
                FieldPanel("title_vi"),
                FieldPanel("title_en"),
                FieldPanel("slug"),
                FieldRowPanel([FieldPanel("session_type"), FieldPanel("language"), FieldPanel("level")]),
                FieldPanel("is_featured"),
            ],
            heading=_("What"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldRowPanel([FieldPanel("room"), FieldPanel("track")]),
            ],
            heading=_("When and where"),
        ),
        InlinePanel("speaker_links", heading=_("Speakers"), label=_("speaker")),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("requires_signup")],
            heading=_("Seats"),
        ),
        FieldPanel("abstract_vi"),
        FieldPanel("abstract_en"),
        MultiFieldPanel([FieldPanel("slides_url"), FieldPanel("video_url")], heading=_("After the event")),
    ]

    class Meta:
        ordering = ["starts_at", "room__sort_order", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [models.UniqueConstraint(fields=["event", "slug"], name="events_session_unique_slug")]
        indexes = [models.Index(fields=["event", "starts_at"])]

    def __str__(self):
        return self.title

    @property
    def duration(self):
        return self.ends_at - self.starts_at

    @property
    def is_break(self):
        return self.session_type == SessionType.BREAK

    @property
    def is_changed(self):
        return self.changed_at is not None

    def save(self, *args, **kwargs):
        self.search_text = folded_document(
            " ".join([self.title_vi, self.title_en, self.abstract_vi, self.abstract_en])
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"search_text"}
        super().save(*args, **kwargs)

    @property
    def speaker_names(self):
        return ", ".join(speaker.name for speaker in self.speakers_in_order())

    def speakers_in_order(self):
        """Speakers in their order; uses prefetched `speaker_links` when present."""
        return [link.speaker for link in self.speaker_links.all()]


class SessionSpeaker(Orderable):
    """A speaker on a session, in the order they are listed."""

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="speaker_links")
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="session_links"
    )

    panels = [FieldPanel("speaker")]

    class Meta(Orderable.Meta):
        verbose_name = _("session speaker")
        verbose_name_plural = _("session speakers")
        constraints = [
            models.UniqueConstraint(fields=["session", "speaker"], name="events_sessionspeaker_unique")
        ]


class ScheduleVersion(models.Model):
    """A counter per event that moves whenever its published schedule changes (exports' version)."""

    event = models.OneToOneField(
        "events.EventPage", on_delete=models.CASCADE, related_name="schedule_version"
    )
    version = models.PositiveIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("schedule version")
        verbose_name_plural = _("schedule versions")

    def __str__(self):
        return f"{self.event_id} v{self.version}"


def schedule_version(event) -> int:
    """The version number of an event's schedule (1 for one never changed); exports and caches follow it."""
    value = (
        ScheduleVersion.objects.filter(event_id=event.source_event.pk)
        .values_list("version", flat=True)
        .first()
    )
    return value or 1
