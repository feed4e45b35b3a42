"""Messages to people: reminders before events and workshops."""

from .reminders import create_due_reminders, send_due_reminders

__all__ = ["create_due_reminders", "send_due_reminders"]
