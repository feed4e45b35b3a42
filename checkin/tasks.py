"""Background work of the check-in app: bulk badge PDFs for pre-printing."""

from celery import shared_task

from checkin import badges


@shared_task(acks_late=True)
def generate_badges(job_id):
    """Draw a `BadgeJob`'s PDF; its progress is on the job row, which the admin page polls."""
    badges.run_job(job_id)
