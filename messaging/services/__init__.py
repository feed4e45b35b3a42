"""Messages to people: reminders before events and workshops, schedule changes, announcements."""

from .announcements import (
    AnnouncementError,
    audience,
    preview,
    progress,
    queue_next_batch,
    resume_stalled_announcements,
    send_batch,
    start_announcement,
    unsubscribe,
)
from .reminders import create_due_reminders, send_due_reminders
from .schedule_changes import close_quiet_changes, note_session_change, send_schedule_changes

__all__ = [
    "AnnouncementError",
    "audience",
    "close_quiet_changes",
    "create_due_reminders",
    "note_session_change",
    "preview",
    "progress",
    "queue_next_batch",
    "resume_stalled_announcements",
    "send_batch",
    "send_due_reminders",
    "send_schedule_changes",
    "start_announcement",
    "unsubscribe",
]
