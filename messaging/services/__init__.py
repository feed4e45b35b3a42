"""Messages to people: reminders before events and workshops, schedule changes to seat holders."""

from .reminders import create_due_reminders, send_due_reminders
from .schedule_changes import close_quiet_changes, note_session_change, send_schedule_changes

__all__ = [
    "close_quiet_changes",
    "create_due_reminders",
    "note_session_change",
    "send_due_reminders",
    "send_schedule_changes",
]
