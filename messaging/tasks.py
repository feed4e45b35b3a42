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


@shared_task(acks_late=True)
def send_announcement_batch(announcement_id):
    """One batch of an announcement; queues the next while some went out (a failure waits for beat)."""
    sent = services.send_batch(announcement_id)
    if sent:
        services.queue_next_batch(announcement_id)
    return sent


@shared_task
def resume_announcements():
    """Every minute: queue again the announcements whose worker died or whose mail server was down."""
    return services.resume_stalled_announcements()
