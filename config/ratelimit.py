"""A request counter in the shared cache for the hottest endpoint, where each cache round trip shows.

django-ratelimit (used everywhere else) adds the window's key and then increments it: two round
trips to Redis per request. The check-in redeem endpoint is answered in about a millisecond of
Python, and the second trip was a tenth of it; this counter increments first and creates the key
only when the window starts, so a busy device costs one round trip per scan. Same settings:
`RATELIMIT_ENABLE`, and `RATELIMIT_FAIL_OPEN` when the cache cannot be reached.
"""

import time

from django.conf import settings
from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """A rate as (requests, seconds): "50/s" is (50, 1), "100/5m" is (100, 300); ValueError otherwise."""
    count, _slash, period = str(rate).partition("/")
    unit = period[-1:]
    if unit not in PERIODS:
        raise ValueError(f"not a rate: {rate!r}")
    return int(count), int(period[:-1] or 1) * PERIODS[unit]


def over_rate(group, key, rate) -> bool:
    """Count one request for `key` in `group`; True when it passes `rate` in the current window."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return False
    limit, period = parse_rate(rate)
    cache_key = f"ratelimit:{group}:{key}:{period}:{int(time.time() // period)}"
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the first request of this window (the key expires with it)
        count = 1 if cache.add(cache_key, 1, period + 1) else cache.incr(cache_key)
    if count is None:  # the cache cannot be reached (django-redis ignores the error and answers None)
        return not getattr(settings, "RATELIMIT_FAIL_OPEN", False)
    return count > limit
