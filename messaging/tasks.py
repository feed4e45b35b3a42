"""Background work for messages to people (Celery beat runs `send_reminders`; cron may run the command)."""

from celery import shared_task

from . import services


@shared_task
def send_reminders():
    """Every few minutes: send the reminders that are due, once each, however many workers run this."""
    return services.send_due_reminders()


@shared_task
def send_schedule_changes():
    """Every minute: tell seat holders about sessions moved, once the organisers' edits have settled."""
    return services.send_schedule_changes()
