"""Reusable read queries for the programme (the home page and other apps use these)."""

from django.utils import timezone
from django.utils.translation import get_language

from events.models import EventPage, Session


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


def featured_sessions(event, limit=6):
    """An event's highlighted sessions (`EventPage.featured_sessions`); none without an event."""
    return event.featured_sessions(limit) if event is not None else []


def featured_speakers(event, limit=6):
    """An event's speakers, featured first (`EventPage.featured_speakers`); none without an event."""
    return event.featured_speakers(limit) if event is not None else []


def personal_sessions(ids):
    """The sessions of a personal agenda that belong to published events, in time order."""
    if not ids:
        return []
    return list(
        Session.objects.filter(pk__in=ids, event__live=True)
        .select_related("room", "track", "event")
        .prefetch_related("speaker_links__speaker")
        .order_by("starts_at", "id")
    )


def speaker_sessions(speaker):
    """A speaker's sessions at published events, the latest event first."""
    return list(
        Session.objects.filter(speaker_links__speaker=speaker, event__live=True)
        .select_related("room", "track", "event")
        .prefetch_related("speaker_links__speaker")
        .order_by("-event__starts_at", "starts_at")
    )


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
