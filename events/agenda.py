"""Building the agenda: days, time grid, filters, now and next, clashes and structured data.

Imports no models (it reads through the event page it is given): the event page's routes use it.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

from core.converters import parse_id
from core.ical import local
from core.links import absolute_url
from events.choices import SessionLanguage, SessionType
from events.exports import TZ

SLOT_MINUTES = 5
CACHE_SECONDS = 60 * 60  # the schedule version in every key makes changes visible at once


def current_language():
    """The active language as a bare code ("vi", "en"), for cache keys and translated pages."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


@dataclass
class Programme:
    sessions: list
    rooms: list
    tracks: list


def load_programme(event_page):
    """Sessions (with speakers), rooms and tracks of an event: four queries whatever the size."""
    source = event_page.source_event
    return Programme(
        sessions=list(event_page.listed_sessions()),
        rooms=list(source.rooms.all()),
        tracks=list(source.tracks.all()),
    )


def agenda_body(event_page, version, query):
    """The agenda grid's HTML for the day and filters `query` asks for, cached under the version."""
    filters = AgendaFilters.from_query(query)
    requested_day = valid_day(event_page, query.get("day", ""))
    key = (
        f"events:agenda:{event_page.pk}:{version}:{current_language()}:{requested_day}:{filters.cache_key()}"
    )
    body = cache.get(key)
    if body is None:
        context = agenda_context(event_page, load_programme(event_page), filters, requested_day)
        body = render_to_string("events/includes/agenda_body.html", context, request=None)
        cache.set(key, body, CACHE_SECONDS)
    return body


def valid_day(event_page, value):
    """A YYYY-MM-DD within the event's dates, else "" (keeps arbitrary values out of the cache keys)."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return ""
    first = timezone.localtime(event_page.starts_at).date() - timedelta(days=1)
    last = timezone.localtime(event_page.ends_at).date() + timedelta(days=1)
    return value if first <= day <= last else ""


@dataclass
class AgendaFilters:
    tracks: list = field(default_factory=list)
    types: list = field(default_factory=list)
    languages: list = field(default_factory=list)

    @classmethod
    def from_query(cls, query):
        """Unknown values are ignored (a stale bookmark still shows the agenda)."""
        types = {choice.value for choice in SessionType}
        languages = {choice.value for choice in SessionLanguage}
        return cls(
            tracks=sorted({track for track in map(parse_id, query.getlist("track")) if track}),
            types=sorted({v for v in query.getlist("type") if v in types}),
            languages=sorted({v for v in query.getlist("language") if v in languages and v != "both"}),
        )

    def cache_key(self):
        return f"t{','.join(map(str, self.tracks))}y{','.join(self.types)}l{','.join(self.languages)}"

    def is_active(self):
        return bool(self.tracks or self.types or self.languages)

    def matches(self, session):
        if self.tracks and session.track_id not in self.tracks:
            return False
        if self.types and session.session_type not in self.types:
            return False
        if self.languages and session.language not in self.languages and session.language != "both":
            return False
        return True

    def query_string(self, day=None):
        pairs = [("track", t) for t in self.tracks] + [("type", t) for t in self.types]
        pairs += [("language", v) for v in self.languages]
        if day:
            pairs.append(("day", day))
        return urlencode(pairs)


def event_days(event_page, sessions):
    days = sorted({local(s.starts_at).date() for s in sessions})
    if not days:
        days = [local(event_page.starts_at).date()]
    return days


def agenda_context(event_page, programme, filters, requested_day):
    days = event_days(event_page, programme.sessions)
    today = timezone.localdate(timezone=TZ)
    by_iso = {d.isoformat(): d for d in days}
    if requested_day in by_iso:
        day = by_iso[requested_day]
    elif today in days:
        day = today
    else:
        day = days[0]
    day_sessions = [s for s in programme.sessions if local(s.starts_at).date() == day]
    rooms = [r for r in programme.rooms if any(s.room_id == r.pk for s in day_sessions)] or programme.rooms
    column = {room.pk: index + 2 for index, room in enumerate(rooms)}
    grid_start = _floor_hour(min((local(s.starts_at) for s in day_sessions), default=None), day)
    visible = 0
    for session in day_sessions:
        session.visible = filters.matches(session)
        visible += session.visible
        start_slot = int((local(session.starts_at) - grid_start).total_seconds() // 60 // SLOT_MINUTES)
        end_slot = max(
            start_slot + 1, int((local(session.ends_at) - grid_start).total_seconds() // 60 // SLOT_MINUTES)
        )
        session.row_start = start_slot + 2
        session.row_end = end_slot + 2
        if session.room_id in column:
            session.column = f"{column[session.room_id]}"
        else:
            session.column = "2 / -1"  # plenary items and breaks span every room
    grid_end = max((local(s.ends_at) for s in day_sessions), default=grid_start + timedelta(hours=1))
    times = []
    moment = grid_start
    while moment < grid_end:
        slot = int((moment - grid_start).total_seconds() // 60 // SLOT_MINUTES)
        times.append({"label": moment.strftime("%H:%M"), "row": slot + 2})
        moment += timedelta(minutes=30)
    track_colours = {t.pk: t.colour for t in programme.tracks}
    base_url = event_page.url  # computed once: each `page.url` asks the cache for the site's root paths
    for session in day_sessions:
        session.colour = track_colours.get(session.track_id, "#4a5360")
        session.url = f"{base_url}sessions/{session.slug}/"
    return {
        "page": event_page,
        "days": [
            {
                "iso": d.isoformat(),
                "label": date_format(d, "l") + " " + date_format(d, "SHORT_DATE_FORMAT"),
                "current": d == day,
                "query": filters.query_string(day=d.isoformat()),
            }
            for d in days
        ],
        "day": day,
        "rooms": rooms,
        "tracks": programme.tracks,
        "sessions": day_sessions,
        "visible_count": visible,
        "times": times,
        "room_count": len(rooms),
        "filters": filters,
        "type_choices": [c for c in SessionType if any(s.session_type == c for s in programme.sessions)],
        "language_choices": [c for c in SessionLanguage if c != SessionLanguage.BOTH],
    }


def _floor_hour(moment, day):
    if moment is None:
        return datetime.combine(day, time(8, 0), TZ)
    return moment.replace(minute=0, second=0, microsecond=0)


def now_and_next(event_page, now=None):
    """Sessions running now and those starting next (within two hours), for the live event."""
    now = now or timezone.now()
    sessions = list(
        event_page.listed_sessions().filter(ends_at__gt=now, starts_at__lt=now + timedelta(hours=2))
    )
    current = [s for s in sessions if s.starts_at <= now]
    upcoming = [s for s in sessions if s.starts_at > now]
    if upcoming:
        first = min(s.starts_at for s in upcoming)
        upcoming = [s for s in upcoming if s.starts_at == first]
    base_url = event_page.url
    for session in current + upcoming:
        session.url = f"{base_url}sessions/{session.slug}/"
    return {"now": current, "next": upcoming}


def mark_clashes(sessions):
    """Give each session a `clashes` list: the other starred sessions that overlap it in time."""
    ordered = sorted(sessions, key=lambda s: (s.starts_at, s.pk))
    for session in ordered:
        session.clashes = []
    for index, session in enumerate(ordered):
        for other in ordered[index + 1 :]:
            if other.starts_at >= session.ends_at:
                break
            if session.is_break or other.is_break:
                continue
            session.clashes.append(other)
            other.clashes.append(session)
    return ordered


# --- schema.org --------------------------------------------------------------------------------


def _place(event_page):
    place = {"@type": "Place", "name": event_page.venue_name or event_page.title}
    if event_page.venue_address:
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": event_page.venue_address,
            "addressLocality": "Đà Nẵng",
            "addressCountry": "VN",
        }
    return place


def event_json_ld(event_page, url):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event_page.title,
        "description": event_page.summary,
        "startDate": local(event_page.starts_at).isoformat(),
        "endDate": local(event_page.ends_at).isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if event_page.is_cancelled
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(event_page),
        "url": url,
        "inLanguage": event_page.locale.language_code if event_page.locale_id else settings.LANGUAGE_CODE,
    }
    if event_page.organiser:
        data["organizer"] = {"@type": "Organization", "name": event_page.organiser}
    if event_page.cover_image_id:
        rendition = event_page.cover_image.get_rendition("fill-1200x630")
        data["image"] = [absolute_url(rendition.url)]
    return data


def session_json_ld(event_page, session, url):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "description": session.abstract,
        "startDate": local(session.starts_at).isoformat(),
        "endDate": local(session.ends_at).isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if event_page.is_cancelled
        else (
            "https://schema.org/EventRescheduled"
            if session.is_changed
            else "https://schema.org/EventScheduled"
        ),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(event_page)
        | ({"name": f"{session.room.name}, {event_page.venue_name}"} if session.room_id else {}),
        "url": url,
        "superEvent": {"@type": "Event", "name": event_page.title, "url": absolute_url(event_page.url)},
        "inLanguage": ["vi", "en"] if session.language == "both" else session.language,
    }
    speakers = session.speakers_in_order()
    if speakers:
        data["performer"] = [
            {
                "@type": "Person",
                "name": s.name,
                "url": absolute_url(reverse("events:speaker_detail", args=[s.slug])),
            }
            for s in speakers
        ]
    if event_page.organiser:
        data["organizer"] = {"@type": "Organization", "name": event_page.organiser}
    return data
