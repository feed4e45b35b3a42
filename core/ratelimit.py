"""Rate limits, through django-ratelimit's public API, with every rate a setting (defaults in
`config/settings/base.py`) and one 429 answer (`core.views.ratelimited`).

A limit is a brake on floods and password guessing, not the lock on the door: with the cache
(Redis) unreachable, limits lapse (`RATELIMIT_FAIL_OPEN`) rather than refuse everyone.
"""

import re

from django.conf import settings
from django.core.checks import Error
from django_ratelimit.core import is_ratelimited

PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$", re.IGNORECASE)


def parse_rate(rate: str) -> tuple[int, int]:
    """`"50/s"`, `"600/m"`, `"100/5m"` (django-ratelimit's notation) as (count, seconds).

    For limits counted somewhere other than the cache (check-in scans are counted in their audit
    rows) and for the system check that reads every rate setting at start-up; raises ValueError for
    anything else, or for a count or period below 1.
    """
    match = RATE.match(str(rate or ""))
    if not match:
        raise ValueError(f"not a rate: {rate!r}")
    count, multiplier, unit = match.groups()
    count, seconds = int(count), PERIOD_SECONDS[unit.lower()] * int(multiplier or 1)
    if count < 1 or seconds < 1:
        raise ValueError(f"not a rate: {rate!r}")
    return count, seconds


def over_limit(request, group: str, rate_setting: str, keys=("ip",), method="POST") -> bool:
    """Count this request against `group` for each key ("ip", "post:username"…) at the rate the
    setting names; True when any of them is over."""
    rate = getattr(settings, rate_setting)
    return any(
        is_ratelimited(request, group=group, key=key, rate=rate, method=method, increment=True)
        for key in keys
    )


RATE_SETTINGS = (
    "ADMIN_LOGIN_RATE",
    "REGISTRATION_RATE",
    "SUPPORT_REQUEST_RATE",
    "SUPPORT_STATUS_RATE",
    "PERSONAL_AGENDA_RATE",
    "ARTICLE_RATING_RATE",
    "QUESTION_RATE",
    "QUESTION_VOTE_RATE",
    "SESSION_FEEDBACK_RATE",
    "CERTIFICATE_VERIFY_RATE",
    "PEOPLES_CHOICE_VOTE_RATE",
    "CONSULTATION_COMMENT_RATE",
)


def check_rate_settings(app_configs=None, **kwargs):
    """System check (registered by core's AppConfig): a mistyped rate is reported at start-up, not
    discovered when the limit first applies. CHECKIN_DEVICE_RATE has its own check in checkin."""
    errors = []
    for name in RATE_SETTINGS:
        try:
            parse_rate(getattr(settings, name))
        except ValueError:
            errors.append(
                Error(
                    f"{name}={getattr(settings, name)!r} is not a rate.",
                    hint='Write requests per period, e.g. "10/m", "30/h" or "100/5m".',
                    id="core.E001",
                )
            )
    return errors
