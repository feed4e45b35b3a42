"""Event pages: the list of events and one page per event, with its agenda and session pages."""

from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as route
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.links import absolute_url
from events import agenda
from events.choices import EventStatus, EventType, SessionType
from events.models.programme import Session, SessionSpeaker, Speaker, schedule_version

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
    # Digital-skills classes: admitted attendees get a certificate (the certificates app issues it).
    certifying = models.BooleanField(
        _("gives certificates"),
        default=False,
        help_text=_("Attendees admitted at a gate or session door get a certificate of attendance."),
    )
    certificate_hours = models.DecimalField(
        _("hours on the certificate"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Training hours printed on the certificate, for example 4 or 7.5."),
    )

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
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("certifying"), FieldPanel("certificate_hours")])],
            heading=_("Certificates"),
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
        context = super().get_context(request, *args, **kwargs)
        context["featured_sessions"] = self.featured_sessions()
        context["featured_speakers"] = self.featured_speakers()
        context["json_ld"] = agenda.event_json_ld(self, absolute_url(self.url))
        return context

    # The routes read through events.agenda, which imports no models, so models import no views.
    @route("agenda/")
    def agenda_view(self, request):
        """The agenda grid of one day, filtered; its HTML is cached under the schedule version."""
        version = schedule_version(self)
        body = agenda.agenda_body(self, version, request.GET)
        now_next = agenda.now_and_next(self) if self.status == EventStatus.ONGOING else None
        context = {"page": self, "agenda_body": body, "now_next": now_next, "version": version}
        return TemplateResponse(request, "events/agenda_page.html", context)

    @route("sessions/<slug:slug>/")
    def session_view(self, request, slug):
        session = get_object_or_404(self.listed_sessions(), slug=slug)
        context = {
            "page": self,
            "session": session,
            "session_url": request.path,
            "json_ld": agenda.session_json_ld(self, session, absolute_url(request.path)),
        }
        return TemplateResponse(request, "events/session_page.html", context)

    def listed_sessions(self):
        """This event's sessions with what a listing shows (room, track, speakers), in a fixed number of
        queries whatever their number."""
        speaker_links = SessionSpeaker.objects.select_related("speaker", "speaker__photo").order_by(
            "sort_order", "id"
        )
        return (
            Session.objects.filter(event=self.source_event)
            .select_related("room", "track")
            .prefetch_related(Prefetch("speaker_links", queryset=speaker_links))
            .order_by("starts_at", "room__sort_order", "id")
        )

    def featured_sessions(self, limit=6):
        """Highlighted sessions (featured first, then keynotes), never breaks."""
        sessions = self.listed_sessions().exclude(session_type=SessionType.BREAK)
        featured = list(sessions.filter(is_featured=True)[:limit])
        if len(featured) < limit:
            keynotes = sessions.filter(is_featured=False, session_type=SessionType.KEYNOTE)
            featured += list(keynotes[: limit - len(featured)])
        return featured

    def featured_speakers(self, limit=6):
        """Speakers of the featured sessions first, then the other speakers."""
        speakers = (
            Speaker.objects.filter(session_links__session__event=self.source_event)
            .select_related("photo")
            .distinct()
        )
        featured = list(speakers.filter(session_links__session__is_featured=True).order_by("name")[:limit])
        if len(featured) < limit:
            seen = [speaker.pk for speaker in featured]
            featured += list(speakers.exclude(pk__in=seen).order_by("name")[: limit - len(featured)])
        return featured

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
