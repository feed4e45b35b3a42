"""The shared-cache counter in front of the redeem endpoint (config/ratelimit.py)."""

import uuid

import pytest

from config.ratelimit import over_rate, parse_rate
from tests.resilience.conftest import free_port


def test_rates_are_read_as_requests_per_period():
    assert parse_rate("50/s") == (50, 1)
    assert parse_rate("3/m") == (3, 60)
    assert parse_rate("100/5m") == (100, 300)
    assert parse_rate("1000/d") == (1000, 86400)
    for wrong in ("50", "50/x", "/s", "many/s"):
        with pytest.raises(ValueError):
            parse_rate(wrong)


def test_the_request_past_the_rate_is_refused_per_key(settings):
    settings.RATELIMIT_ENABLE = True
    device, other = uuid.uuid4().hex, uuid.uuid4().hex
    # A day's window: the test cannot straddle two windows unless it runs across midnight UTC.
    assert [over_rate("test", device, "3/d") for _ in range(5)] == [False, False, False, True, True]
    assert over_rate("test", other, "3/d") is False
    assert over_rate("other-group", device, "3/d") is False


def test_switched_off_counts_nothing(settings):
    settings.RATELIMIT_ENABLE = False
    key = uuid.uuid4().hex
    assert not any(over_rate("test", key, "1/d") for _ in range(3))
    settings.RATELIMIT_ENABLE = True
    assert [over_rate("test", key, "1/d") for _ in range(2)] == [False, True]  # nothing was counted


@pytest.mark.parametrize("fail_open", [True, False])
def test_an_unreachable_cache_follows_ratelimit_fail_open(settings, fail_open):
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_FAIL_OPEN = fail_open
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens: every call fails at once
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
    assert over_rate("test", uuid.uuid4().hex, "5/d") is (not fail_open)
