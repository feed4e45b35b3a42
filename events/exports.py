"""Schedule files that other programs read: iCalendar and the c3voc schedule (JSON and XML).

Every builder takes already-fetched rows, so each export costs a fixed number of queries.
"""

import json
import re
import uuid
import zoneinfo
from datetime import datetime, time, timedelta
from xml.etree import ElementTree as ET

from django.conf import settings
from django.utils import translation

from core import ical
from core.ical import local
from core.links import absolute_url
from events.choices import SessionType

TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
GENERATOR = {"name": "danang-digital-day", "version": "1.0"}


def _duration(delta):
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# --- iCalendar ---------------------------------------------------------------------------------


def ical_calendar(name, sessions, event_pages, session_url, refresh_minutes=60):
    """A VCALENDAR with one VEVENT per session.

    `event_pages` maps a session's event id to the page whose venue is used for LOCATION;
    `session_url(session)` gives each session's public URL.
    """
    calendar = ical.new_calendar(name, refresh_minutes=refresh_minutes)
    for session in sessions:
        add_session(calendar, session, event_pages.get(session.event_id), absolute_url(session_url(session)))
    return ical.to_bytes(calendar)


def add_session(calendar, session, event_page, url):
    """The session's VEVENT, the same in every calendar (agenda, speaker, personal agenda, order)."""
    description = session.abstract or ""
    speakers = ", ".join(s.name for s in session.speakers_in_order())
    if speakers:
        description = f"{speakers}\n\n{description}".strip()
    where = [session.room.name if session.room else "", getattr(event_page, "venue_name", "")]
    where = [part for part in where if part]
    if event_page is not None and event_page.venue_address:
        where.append(event_page.venue_address)
    ical.add_entry(
        calendar,
        uid=ical.session_uid(session),
        summary=session.title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        stamp=session.updated_at,
        last_modified=session.updated_at,
        created=session.created_at,
        sequence=session.sequence,
        description=description,
        location=", ".join(where),
        url=url,
        categories=[session.track.name] if session.track else [],
        status="CANCELLED" if getattr(event_page, "is_cancelled", False) else "CONFIRMED",
        transp="TRANSPARENT" if session.session_type == SessionType.BREAK else "OPAQUE",
    )


# --- c3voc schedule ------------------------------------------------------------------------------


def acronym_for(event):
    """A c3voc acronym (lowercase letters, digits, - and _; at least 4) from the event slug."""
    value = re.sub(r"[^a-z0-9_-]", "", event.slug.lower()) or f"event{event.pk}"
    return value if len(value) >= 4 else f"{value}-{event.pk:04d}"


def _voc_slug(acronym, session):
    prefix = re.sub(r"[^a-z0-9_]", "_", acronym)
    rest = re.sub(r"[^a-z0-9_-]", "-", session.slug.lower())
    return f"{prefix}-{session.pk}-{rest}"


def schedule_data(event_page, sessions, rooms, tracks, version, session_url, base_url):
    """The c3voc schedule as a Python structure, shared by the JSON and the XML writers."""
    source = event_page.source_event
    acronym = acronym_for(source)
    start_day = local(event_page.starts_at).date()
    end_day = local(event_page.ends_at).date()
    day_dates = []
    current = start_day
    while current <= end_day:
        day_dates.append(current)
        current += timedelta(days=1)
    for session in sessions:
        day = local(session.starts_at).date()
        if day not in day_dates:
            day_dates.append(day)
    day_dates.sort()

    unscheduled_room = {"name": str(translation.gettext("All rooms")), "guid": None, "id": 0}
    room_list = [{"name": room.name, "guid": _room_guid(room), "id": room.pk} for room in rooms]
    days = []
    for index, day in enumerate(day_dates, start=1):
        day_sessions = [s for s in sessions if local(s.starts_at).date() == day]
        day_start = min((local(s.starts_at) for s in day_sessions), default=None)
        day_end = max((local(s.ends_at) for s in day_sessions), default=None)
        if day_start is None:
            day_start = datetime.combine(day, time(8, 0), TZ)
            day_end = datetime.combine(day, time(18, 0), TZ)
        by_room = {}
        for room in room_list + [unscheduled_room]:
            by_room[room["name"]] = []
        for session in day_sessions:
            room_name = session.room.name if session.room_id else unscheduled_room["name"]
            by_room.setdefault(room_name, []).append(_session_data(session, acronym, session_url, base_url))
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": day_start.isoformat(),
                "day_end": day_end.isoformat(),
                "rooms": {
                    name: items
                    for name, items in by_room.items()
                    if items or name != unscheduled_room["name"]
                },
            }
        )
    return {
        "version": str(version),
        "base_url": base_url,
        "conference": {
            "acronym": acronym,
            "title": event_page.title,
            "start": local(event_page.starts_at).isoformat(),
            "end": local(event_page.ends_at).isoformat(),
            "daysCount": len(days),
            "timeslot_duration": "00:05",
            "time_zone_name": settings.TIME_ZONE,
            "url": absolute_url(event_page.url),
            "rooms": [{"name": r["name"], "guid": r["guid"]} for r in room_list],
            "tracks": [{"name": t.name, "color": t.colour.lower(), "slug": f"track-{t.pk}"} for t in tracks],
            "days": days,
        },
    }


def _room_guid(room):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/rooms/{room.pk}"))


def _session_data(session, acronym, session_url, base_url):
    start = local(session.starts_at)
    links = []
    if session.slides_url:
        links.append({"title": "Slides", "url": session.slides_url, "type": "slides"})
    if session.video_url:
        links.append({"title": "Video", "url": session.video_url, "type": "recording"})
    return {
        "guid": str(session.guid),
        "id": session.pk,
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "duration": _duration(session.ends_at - session.starts_at),
        "room": session.room.name if session.room_id else str(translation.gettext("All rooms")),
        "slug": _voc_slug(acronym, session),
        "url": absolute_url(session_url(session)),
        "title": session.title,
        "subtitle": "",
        "track": session.track.name if session.track_id else "",
        "type": session.session_type,
        "language": session.language if session.language != "both" else "vi, en",
        "abstract": session.abstract or "",
        "description": "",
        "recording_license": "",
        "do_not_record": False,
        "persons": [
            {
                "id": speaker.pk,
                "guid": _person_guid(speaker),
                "name": speaker.name,
                "public_name": speaker.name,
                "biography": speaker.bio or "",
            }
            for speaker in session.speakers_in_order()
        ],
        "links": links,
        "attachments": [],
    }


def _person_guid(speaker):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/speakers/{speaker.slug}"))


def schedule_json(data):
    document = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": GENERATOR,
        "schedule": data,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def schedule_xml(data, url):
    """The same schedule as frab-style XML (validates against the c3voc XSD)."""
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", {"name": GENERATOR["name"], "version": GENERATOR["version"]})
    if url:
        ET.SubElement(root, "url").text = url
    ET.SubElement(root, "version").text = data["version"]
    conference = data["conference"]
    conf = ET.SubElement(root, "conference")
    for tag, key in [
        ("title", "title"),
        ("acronym", "acronym"),
        ("start", "start"),
        ("end", "end"),
        ("days", "daysCount"),
        ("timeslot_duration", "timeslot_duration"),
    ]:
        ET.SubElement(conf, tag).text = str(conference[key])
    if data["base_url"]:
        ET.SubElement(conf, "base_url").text = data["base_url"]
    if conference["url"]:
        ET.SubElement(conf, "url").text = conference["url"]
    ET.SubElement(conf, "time_zone_name").text = conference["time_zone_name"]
    for track in conference["tracks"]:
        ET.SubElement(conf, "track", {"name": track["name"], "color": track["color"], "slug": track["slug"]})
    for day in conference["days"]:
        day_el = ET.SubElement(
            root,
            "day",
            {
                "index": str(day["index"]),
                "date": day["date"],
                "start": day["day_start"],
                "end": day["day_end"],
            },
        )
        room_guids = {room["name"]: room["guid"] for room in conference["rooms"]}
        for room_name, events in day["rooms"].items():
            attrs = {"name": room_name}
            if room_guids.get(room_name):
                attrs["guid"] = room_guids[room_name]
            room_el = ET.SubElement(day_el, "room", attrs)
            for item in events:
                ev = ET.SubElement(room_el, "event", {"guid": item["guid"], "id": str(item["id"])})
                for tag in [
                    "room",
                    "title",
                    "subtitle",
                    "type",
                    "date",
                    "start",
                    "duration",
                    "abstract",
                    "slug",
                    "track",
                ]:
                    ET.SubElement(ev, tag).text = item[tag]
                persons = ET.SubElement(ev, "persons")
                for person in item["persons"]:
                    ET.SubElement(
                        persons, "person", {"id": str(person["id"]), "guid": person["guid"]}
                    ).text = person["public_name"]
                ET.SubElement(ev, "language").text = item["language"]
                ET.SubElement(ev, "description").text = item["description"]
                recording = ET.SubElement(ev, "recording")
                ET.SubElement(recording, "license").text = item["recording_license"]
                ET.SubElement(recording, "optout").text = "true" if item["do_not_record"] else "false"
                links = ET.SubElement(ev, "links")
                for link in item["links"]:
                    ET.SubElement(links, "link", {"href": link["url"], "type": link["type"]}).text = link[
                        "title"
                    ]
                ET.SubElement(ev, "attachments")
                if item["url"]:
                    ET.SubElement(ev, "url").text = item["url"]
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
