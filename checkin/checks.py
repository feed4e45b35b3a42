"""System checks for the check-in settings: a wrong rate would otherwise fail every scan at the gate."""

from django.conf import settings
from django.core.checks import Error, register

from checkin.services.devices import scan_rate


@register()
def device_rate_is_readable(app_configs, **kwargs):
    rate = settings.CHECKIN_DEVICE_RATE
    try:
        scan_rate(rate)
    except ValueError:
        return [
            Error(
                f"CHECKIN_DEVICE_RATE={rate!r} is not a rate.",
                hint='Write scans per period, e.g. "50/s", "600/m" or "100/5m".',
                id="checkin.E001",
            )
        ]
    return []
