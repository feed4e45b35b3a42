"""iCalendar files: the agenda, a session, a speaker, a personal agenda and an order's attachment.

Every calendar the platform emits gives a session the same UID (`session_uid`), so a calendar app
that imports the agenda and an order's `.ics` shows each workshop once, and updates it in place.
"""

import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

PRODID = "-//Da Nang Digital Transformation Day//Programme//VI"
UID_DOMAIN = "danang-digital-day"


def session_uid(session) -> str:
    return f"{session.guid}@{UID_DOMAIN}"


def event_uid(event) -> str:
    return f"event-{event.pk}@{UID_DOMAIN}"


def new_calendar(name="", refresh_minutes=None):
    """An empty VCALENDAR; `refresh_minutes` for subscriptions (the agenda feeds)."""
    import icalendar  # slow to import; only calendar downloads need it

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if refresh_minutes:
        calendar.add("refresh-interval", timedelta(minutes=refresh_minutes), parameters={"VALUE": "DURATION"})
    return calendar


def local(moment):
    return timezone.localtime(moment, zoneinfo.ZoneInfo(settings.TIME_ZONE))


def add_entry(calendar, *, uid, summary, starts_at, ends_at, stamp=None, **fields):
    """One VEVENT. `fields` are further iCalendar properties by name (`location`, `url`,
    `description`, `categories`, `sequence`, `status`, `transp`, `created`, `last_modified`);
    empty ones are left out."""
    import icalendar

    entry = icalendar.Event()
    entry.add("uid", uid)
    entry.add("dtstamp", stamp or timezone.now())
    entry.add("dtstart", local(starts_at))
    entry.add("dtend", local(ends_at))
    entry.add("summary", summary)
    for name, value in fields.items():
        if value not in (None, "", []):
            entry.add(name.replace("_", "-"), value)
    calendar.add_component(entry)
    return entry


def to_bytes(calendar) -> bytes:
    """The file, with the VTIMEZONE of every zone its times use."""
    calendar.add_missing_timezones()
    return calendar.to_ical()
