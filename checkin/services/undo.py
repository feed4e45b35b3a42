"""Undoing a scan: a device or staff member takes back a successful check-in within a few minutes."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from checkin.models import CheckIn
from checkin.services.redeem import MAX_NONCE_LENGTH, CheckinError, scans_by


def undo_window():
    """How long after a scan it may still be undone (CHECKIN_UNDO_SECONDS)."""
    return timedelta(seconds=settings.CHECKIN_UNDO_SECONDS)


def annul_checkin(nonce, *, device=None, user=None, checkin_list=None):
    """Undo a successful scan made by this device or staff member a few minutes ago."""
    nonce = str(nonce or "")[:MAX_NONCE_LENGTH]
    if not nonce:
        raise CheckinError(_("Give the nonce of the scan to undo."), "bad_request")
    with transaction.atomic():
        rows = CheckIn.objects.select_for_update().filter(nonce=nonce, **scans_by(device, user))
        if checkin_list is not None:
            rows = rows.filter(checkin_list=checkin_list)
        row = rows.order_by("-created_at").first()
        if row is None:
            raise CheckinError(_("No scan with this nonce."), "not_found")
        if not row.successful:
            raise CheckinError(_("A refused scan cannot be undone."), "not_successful")
        if row.annulled_at is not None:
            return row
        if timezone.now() - row.created_at > undo_window():
            raise CheckinError(_("This check-in is too old to be undone."), "too_late")
        row.annulled_at = timezone.now()
        row.save(update_fields=["annulled_at"])
        log(
            instance=row,
            action="checkin.annulled",
            user=user,
            data={"device": device.pk if device else None, "list": row.checkin_list_id},
        )
    return row
