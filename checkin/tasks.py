"""Background work of the check-in app: bulk badge PDFs for pre-printing."""

from celery import shared_task

from checkin import badges


@shared_task(acks_late=True)
def generate_badges(job_id):
    """Draw a `BadgeJob`'s PDF; its progress is on the job row, which the admin page polls."""
    badges.run_job(job_id)


@shared_task
def delete_old_badge_jobs():
    """Retention: bulk PDFs hold attendees' names (daily, from CELERY_BEAT_SCHEDULE)."""
    return badges.delete_old_jobs()
