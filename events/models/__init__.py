"""The programme's data: event pages (pages.py), what an event's programme is made of (programme.py)
and visitors' personal agendas (personal.py)."""

from events.choices import EventStatus, EventType, SessionLanguage, SessionLevel, SessionType
from events.models.pages import EventIndexPage, EventPage
from events.models.personal import PersonalAgenda
from events.models.programme import (
    Room,
    ScheduleVersion,
    Session,
    SessionSpeaker,
    Speaker,
    Track,
    schedule_version,
)
from events.models.venue import FloorPlan, MapPoint, PlacedOnPlan

__all__ = [
    "EventIndexPage",
    "EventPage",
    "EventStatus",
    "EventType",
    "FloorPlan",
    "MapPoint",
    "PersonalAgenda",
    "PlacedOnPlan",
    "Room",
    "ScheduleVersion",
    "Session",
    "SessionLanguage",
    "SessionLevel",
    "SessionSpeaker",
    "SessionType",
    "Speaker",
    "Track",
    "schedule_version",
]
