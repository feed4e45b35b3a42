"""Every change to programme state that is not a plain admin edit, and the bookkeeping around edits.

The schedule version (shown in exports, part of every cache key) moves whenever something an
attendee sees in the agenda changes; sessions moved after publication get a "changed" marker.
"""

import secrets

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import log

from events.models import EventPage, FloorPlan, PersonalAgenda, ScheduleVersion, Session
from events.models.venue import PLACEMENT_FIELDS

# Fields whose change after publication moves a session in attendees' calendars.
SCHEDULE_FIELDS = ("starts_at", "ends_at", "room_id")
# Fields that calendars show: a change bumps the iCalendar SEQUENCE.
CALENDAR_FIELDS = SCHEDULE_FIELDS + ("title_vi", "title_en", "abstract_vi", "abstract_en")
MAX_AGENDA_SESSIONS = 500


def bump_schedule_version(event_id):
    """Move the version of one event's schedule (exports and cached agenda pages follow it)."""
    if not event_id:
        return
    updated = ScheduleVersion.objects.filter(event_id=event_id).update(
        version=F("version") + 1, changed_at=timezone.now()
    )
    if not updated:
        ScheduleVersion.objects.get_or_create(event_id=event_id, defaults={"version": 2})


def note_session_changes(session):
    """Before a session is saved: bump SEQUENCE for visible edits, mark moves made after publication."""
    if session.pk is None:
        return
    old = Session.objects.filter(pk=session.pk).values(*CALENDAR_FIELDS).first()
    if old is None:
        return
    if any(old[f] != getattr(session, f) for f in CALENDAR_FIELDS):
        session.sequence = (session.sequence or 0) + 1
    if any(old[f] != getattr(session, f) for f in SCHEDULE_FIELDS):
        published = EventPage.objects.filter(pk=session.event_id, live=True).exists()
        if published:
            session.changed_at = timezone.now()


def _clean_ids(session_ids):
    ids = []
    for value in session_ids or []:
        try:
            number = int(value)
        except (TypeError, ValueError):
            continue
        if number > 0 and number not in ids:
            ids.append(number)
    return ids[:MAX_AGENDA_SESSIONS]


def create_personal_agenda(session_ids, user=None):
    """A new personal agenda holding the given sessions, with a secret key for its iCal feed."""
    with transaction.atomic():
        agenda = PersonalAgenda.objects.create(key=secrets.token_urlsafe(32))
        agenda.sessions.set(Session.objects.filter(pk__in=_clean_ids(session_ids)))
        log(
            instance=agenda,
            action="events.personal_agenda_created",
            user=user,
            data={"sessions": agenda.sessions.count()},
        )
    return agenda


def set_personal_agenda_sessions(agenda, session_ids, user=None):
    """Replace the sessions of a personal agenda (the browser sends its whole list)."""
    with transaction.atomic():
        agenda = PersonalAgenda.objects.select_for_update().get(pk=agenda.pk)
        agenda.sessions.set(Session.objects.filter(pk__in=_clean_ids(session_ids)))
        agenda.save(update_fields=["updated_at"])
        log(
            instance=agenda,
            action="events.personal_agenda_updated",
            user=user,
            data={"sessions": agenda.sessions.count()},
        )
    return agenda


@transaction.atomic
def place_on_plan(item, floor_plan, rectangle, *, user=None):
    """Draw a booth or a room on a floor plan (or take it off with `floor_plan=None`).

    The plan's row is locked, so two organisers drawing at once cannot both take the same place; the
    model's rules (inside the plan, no overlap) raise ValidationError with a translated message.
    """
    if floor_plan is not None:
        floor_plan = FloorPlan.objects.select_for_update().get(pk=floor_plan.pk)
        item.x, item.y, item.width, item.height = rectangle
    else:
        item.x = item.y = item.width = item.height = None
    item.floor_plan = floor_plan
    item.full_clean()
    item.save(update_fields=list(PLACEMENT_FIELDS))
    log(
        instance=item,
        action="events.placed_on_plan",
        user=user,
        data={"floor_plan": floor_plan.pk if floor_plan else None, "rectangle": item.rectangle},
    )
    return item
