"""Scanning devices: created with a token shown once, revoked, and recognised by token on each scan."""

import functools
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from checkin import sql
from checkin.access import device_may_use
from checkin.models import CheckInList, Device
from core.db import prepared_cursor
from core.ratelimit import parse_rate


def create_device(name, event=None, user=None):
    """A new device and its token; the token is returned once and only its hash is kept."""
    device = Device(name=name, event=event, created_by=user)
    token = device.set_new_token()
    device.save()
    log(instance=device, action="checkin.device_created", user=user)
    return device, token


def revoke_device(device, user=None):
    """From now on the device's token gets 401."""
    with transaction.atomic():
        device = Device.objects.select_for_update().get(pk=device.pk)
        if device.revoked_at is None:
            device.revoked_at = timezone.now()
            device.save(update_fields=["revoked_at"])
            log(instance=device, action="checkin.device_revoked", user=user)
    return device


@functools.lru_cache(maxsize=8)
def scan_rate(rate):
    """CHECKIN_DEVICE_RATE as (scans, seconds); ValueError unless both are at least 1 (a system check
    reports it at start-up). Read once per value, not on every scan."""
    scans, seconds = parse_rate(rate)
    if scans < 1 or seconds < 1:
        raise ValueError(f"not a rate: {rate!r}")
    return scans, seconds


@dataclass
class Scanner:
    """Who is scanning, read with one query when a device's request arrives."""

    device: Device | None  # None: no device has this token
    checkin_list: CheckInList | None  # None: no such list, or one the device may not use
    over_rate: bool = False  # the device has made its allowed number of scans in the last period


def scanner_for_token(token_hash, list_id):
    """The device with this token, the check-in list it names if it may use it, and whether it is
    over CHECKIN_DEVICE_RATE, in one query: authentication and rate limit cost one round trip.

    The rate counts the device's recorded scans (every scan is recorded, refused ones included)
    over the period before now, so it holds across processes and servers without a shared cache.
    """
    limit, period = scan_rate(settings.CHECKIN_DEVICE_RATE)
    since = timezone.now() - timedelta(seconds=period)
    with prepared_cursor() as cursor:
        cursor.execute(sql.device_with_list(limit), [*sql.SCAN_TIME.write([since]), list_id, token_hash])
        row = cursor.fetchone()
    if row is None:
        return Scanner(device=None, checkin_list=None)
    device, checkin_list, recent_scans = sql.read_device_with_list(row)
    return Scanner(
        device=device,
        checkin_list=checkin_list if device_may_use(device, checkin_list) else None,
        over_rate=settings.RATELIMIT_ENABLE and recent_scans >= limit,
    )
