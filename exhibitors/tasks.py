"""Background work of the showcase (run by Celery beat, or `manage.py expire_booth_applications` from cron)."""

from celery import shared_task

from exhibitors.services import expire_unpaid_applications


@shared_task
def expire_unpaid_booth_applications():
    """Cancel approvals whose booth fee was not paid by the organiser's deadline; returns how many."""
    return expire_unpaid_applications()
