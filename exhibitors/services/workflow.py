"""The booth application's state machine, shared by the application, booth and payment services."""

from django.utils.translation import gettext_lazy as _

from exhibitors.errors import ExhibitorError
from exhibitors.models import ApplicationStatus, ExhibitorApplication

# Allowed moves of an application; anything else (a skipped state) is refused.
APPLICATION_TRANSITIONS = {
    ApplicationStatus.SUBMITTED: {
        ApplicationStatus.APPROVED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.CANCELLED,
    },
    ApplicationStatus.APPROVED: {
        ApplicationStatus.PAID,
        ApplicationStatus.CONFIRMED,
        ApplicationStatus.CANCELLED,
    },
    ApplicationStatus.PAID: {ApplicationStatus.CONFIRMED, ApplicationStatus.CANCELLED},
    ApplicationStatus.CONFIRMED: {ApplicationStatus.CANCELLED},
    ApplicationStatus.REJECTED: set(),
    ApplicationStatus.CANCELLED: set(),
}


def move(application, new_status):
    """Set the new status if the state machine allows it (the caller saves)."""
    allowed = APPLICATION_TRANSITIONS[ApplicationStatus(application.status)]
    if new_status not in allowed:
        raise ExhibitorError(
            _("An application that is “%(old)s” cannot become “%(new)s”.")
            % {
                "old": ApplicationStatus(application.status).label,
                "new": ApplicationStatus(new_status).label,
            },
            code="invalid_transition",
        )
    application.status = new_status


def locked_application(application):
    """The application re-read under a row lock, with what the services need of it."""
    return (
        ExhibitorApplication.objects.select_for_update()
        .select_related("exhibitor", "package")
        .get(pk=application.pk)
    )
