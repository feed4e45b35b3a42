"""Booth stock (how many of a package are left) and giving an application its numbered booth."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from exhibitors.errors import ExhibitorError
from exhibitors.models import HOLDING_STATUSES, Booth, ExhibitorApplication
from exhibitors.services.workflow import locked_application


def remaining_booths(package):
    held = package.applications.filter(status__in=HOLDING_STATUSES).count()
    return max(package.count_available - held, 0)


@transaction.atomic
def assign_booth(application, booth, *, user):
    """Give an application its booth; a booth holds one exhibitor (checked here and by the database)."""
    application = locked_application(application)
    if booth is None:
        application.booth = None
        application.save(update_fields=["booth"])
        log(instance=application, action="exhibitors.booth_assigned", user=user, data={"booth": None})
        return application
    booth = Booth.objects.select_for_update().get(pk=booth.pk)
    if application.status not in HOLDING_STATUSES:
        raise ExhibitorError(_("Only an approved application can get a booth."), code="not_approved")
    if booth.event_id != application.event_id:
        raise ExhibitorError(_("This booth belongs to another event."), code="wrong_event")
    holder = (
        ExhibitorApplication.objects.filter(booth=booth)
        .exclude(pk=application.pk)
        .select_related("exhibitor")
        .first()
    )
    if holder is not None:
        raise ExhibitorError(
            _("Booth %(booth)s is already assigned to %(company)s.")
            % {"booth": booth, "company": holder.exhibitor},
            code="booth_taken",
        )
    application.booth = booth
    try:
        with transaction.atomic():
            application.save(update_fields=["booth"])
    except IntegrityError as error:
        raise ExhibitorError(
            _("This booth was just assigned to another exhibitor."), code="booth_taken"
        ) from error
    log(instance=application, action="exhibitors.booth_assigned", user=user, data={"booth": str(booth)})
    return application
