"""The programme: event pages, their rooms, tracks, sessions and speakers, and personal agendas."""

import uuid
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as route
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.text import fold
from core.translation import TranslatedField

SOURCE_LANGUAGE = settings.LANGUAGE_CODE  # "vi": rows belonging to an event point at the vi page


class EventIndexPage(Page):
    """The list of all events: upcoming first, past editions kept as an archive."""

    intro = models.TextField(_("intro"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = EventPage.objects.child_of(self).live().select_related("cover_image")
        context["upcoming"] = events.filter(ends_at__gte=now).order_by("starts_at", "id")
        context["past"] = events.filter(ends_at__lt=now).order_by("-starts_at", "-id")
        return context

    class Meta:
        verbose_name = _("events index")
        verbose_name_plural = _("events indexes")


class EventType(models.TextChoices):
    DIGITAL_DAY = "digital_day", _("Digital Transformation Day")
    CONFERENCE = "conference", _("Conference")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    SKILLS_CLASS = "skills_class", _("Digital-skills class")


class EventStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    ONGOING = "ongoing", _("Happening now")
    PAST = "past", _("Past")
    CANCELLED = "cancelled", _("Cancelled")


class EventPage(RoutablePageMixin, Page):
    """One event (a Digital Transformation Day, conference, workshop, seminar or class) and its agenda."""

    summary = models.TextField(_("summary"), blank=True, max_length=600)
    body = RichTextField(_("description"), blank=True)
    event_type = models.CharField(
        _("event type"), max_length=20, choices=EventType.choices, default=EventType.CONFERENCE
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("venue address"), max_length=300, blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    registration_opens_at = models.DateTimeField(_("registration opens at"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes at"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("event_type"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("is_cancelled"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("map_url"),
                FieldPanel("organiser"),
            ],
            heading=_("Where and who"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")])],
            heading=_("Registration window"),
        ),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        HelpPanel(
            template="events/admin/event_programme_help.html",
            heading=_("Programme"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("venue_name"),
        index.FilterField("starts_at"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            raise ValidationError({"registration_closes_at": _("Registration must close after it opens.")})

    @property
    def status(self):
        """upcoming / ongoing / past / cancelled, as of now."""
        if self.is_cancelled:
            return EventStatus.CANCELLED
        now = timezone.now()
        if now < self.starts_at:
            return EventStatus.UPCOMING
        if now < self.ends_at:
            return EventStatus.ONGOING
        return EventStatus.PAST

    @property
    def status_label(self):
        return EventStatus(self.status).label

    @property
    def registration_state(self):
        """not_yet / open / closed, for the event page's registration line."""
        if self.registration_is_open:
            return "open"
        if (
            self.registration_opens_at
            and timezone.now() < self.registration_opens_at
            and not self.is_cancelled
        ):
            return "not_yet"
        return "closed"

    @property
    def registration_is_open(self):
        now = timezone.now()
        if self.is_cancelled or now >= self.ends_at:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        if self.registration_closes_at and now >= self.registration_closes_at:
            return False
        return True

    @cached_property
    def source_event(self):
        """The Vietnamese page of this event, which every session, room and ticket type points at."""
        if self.locale_id is None or self.locale.language_code == SOURCE_LANGUAGE:
            return self
        source = (
            EventPage.objects.filter(
                translation_key=self.translation_key, locale__language_code=SOURCE_LANGUAGE
            )
            .select_related("locale")
            .first()
        )
        return source or self

    def get_context(self, request, *args, **kwargs):
        from core.links import absolute_url
        from events.agenda import event_json_ld
        from events.queries import featured_sessions, featured_speakers

        context = super().get_context(request, *args, **kwargs)
        context["featured_sessions"] = featured_sessions(self)
        context["featured_speakers"] = featured_speakers(self)
        context["json_ld"] = event_json_ld(self, absolute_url(self.url))
        return context

    @route("agenda/")
    def agenda_view(self, request):
        from events.views import agenda

        return agenda(request, self)

    @route("sessions/<slug:slug>/")
    def session_view(self, request, slug):
        from events.views import session_detail

        return session_detail(request, self, slug)

    def localized_for(self, language_code):
        """This event's page in another language (itself if there is no such translation)."""
        if self.locale.language_code == language_code:
            return self
        other = (
            EventPage.objects.live()
            .filter(translation_key=self.translation_key, locale__language_code=language_code)
            .first()
        )
        return other or self


class Room(models.Model):
    """A room (hall, classroom, stage) of an event's venue; the agenda's columns."""

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="rooms"
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    name = TranslatedField()

    panels = [
        FieldPanel("event"),
        FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("sort_order")]),
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
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

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
        import re

        if not re.fullmatch(r"#[0-9a-fA-F]{6}", self.colour or ""):
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
        self.search_text = fold(
            " ".join([self.name, self.organisation, self.job_title_vi, self.job_title_en])
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"search_text"}
        super().save(*args, **kwargs)


class SessionType(models.TextChoices):
    KEYNOTE = "keynote", _("Keynote")
    TALK = "talk", _("Talk")
    PANEL = "panel", _("Panel discussion")
    WORKSHOP = "workshop", _("Workshop")
    DEMO = "demo", _("Demo")
    PRODUCT_LAUNCH = "product_launch", _("Product launch")
    CEREMONY = "ceremony", _("Ceremony")
    BREAK = "break", _("Break")


class SessionLanguage(models.TextChoices):
    VI = "vi", _("Vietnamese")
    EN = "en", _("English")
    BOTH = "both", _("Vietnamese and English")


class SessionLevel(models.TextChoices):
    ALL = "all", _("Everyone")
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


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
        self.search_text = fold(" ".join([self.title_vi, self.title_en, self.abstract_vi, self.abstract_en]))
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


class PersonalAgenda(models.Model):
    """A visitor's starred sessions, behind a secret key that a calendar app can subscribe to."""

    key = models.CharField(_("key"), max_length=64, unique=True)
    sessions = models.ManyToManyField(Session, verbose_name=_("sessions"), blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("personal agenda")
        verbose_name_plural = _("personal agendas")

    def __str__(self):
        return f"{self.key[:6]}…"


Session.panels = [
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
