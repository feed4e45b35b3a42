"""Reusable read queries for the programme (the home page and other apps use these)."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language

from events.models import EventPage, Session, SessionSpeaker, Speaker


def _locale_filter(qs, locale):
    """`locale` may be a Locale, a language code, or None for the active language."""
    if locale is None:
        locale = (get_language() or "vi").split("-")[0]
    if isinstance(locale, str):
        return qs.filter(locale__language_code=locale)
    return qs.filter(locale=locale)


def upcoming_events(locale=None):
    """Live, not cancelled events that have not ended yet, soonest first."""
    qs = EventPage.objects.live().filter(ends_at__gte=timezone.now(), is_cancelled=False)
    return _locale_filter(qs, locale).order_by("starts_at", "id")


def past_events(locale=None):
    qs = EventPage.objects.live().filter(ends_at__lt=timezone.now())
    return _locale_filter(qs, locale).order_by("-starts_at", "-id")


def next_event(locale=None):
    """The next (or ongoing) event in the given locale, or None. Big days first when they start together."""
    return upcoming_events(locale).select_related("cover_image", "locale").first()


def sessions_for_listing(event):
    """An event's sessions with everything a listing shows, in a fixed number of queries."""
    source = event.source_event
    return (
        Session.objects.filter(event=source)
        .select_related("room", "track")
        .prefetch_related(
            Prefetch(
                "speaker_links",
                queryset=SessionSpeaker.objects.select_related("speaker", "speaker__photo").order_by(
                    "sort_order", "id"
                ),
            )
        )
        .order_by("starts_at", "room__sort_order", "id")
    )


def featured_sessions(event, limit=6):
    """Highlighted sessions of an event (featured first, then keynotes), never breaks."""
    if event is None:
        return []
    qs = sessions_for_listing(event).exclude(session_type="break")
    featured = list(qs.filter(is_featured=True)[:limit])
    if len(featured) < limit:
        featured += list(qs.filter(is_featured=False, session_type="keynote")[: limit - len(featured)])
    return featured


def featured_speakers(event, limit=6):
    """Speakers of an event's featured sessions first, then its other speakers."""
    if event is None:
        return []
    source = event.source_event
    speakers = Speaker.objects.filter(session_links__session__event=source).select_related("photo").distinct()
    featured = list(speakers.filter(session_links__session__is_featured=True).order_by("name")[:limit])
    if len(featured) < limit:
        seen = [s.pk for s in featured]
        featured += list(speakers.exclude(pk__in=seen).order_by("name")[: limit - len(featured)])
    return featured


def event_pages_by_source(source_events, language):
    """{source event id: that event's live page in `language`} (the source page when untranslated)."""
    source_events = [e for e in source_events if e is not None]
    result = {e.pk: e for e in source_events}
    keys = {e.translation_key: e.pk for e in source_events}
    if keys and language:
        translated = EventPage.objects.live().filter(
            translation_key__in=list(keys), locale__language_code=language
        )
        for page in translated:
            result[keys[page.translation_key]] = page
    return result


def session_url_builder(event_page):
    """A function giving a session's URL under `event_page` (computing the page URL once)."""
    base = event_page.url or ""

    def url(session):
        return f"{base}sessions/{session.slug}/"

    return url
