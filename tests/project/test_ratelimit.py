"""Rate settings: one notation for every limit, read by one parser, checked at start-up."""

import pytest
from django.core.checks import run_checks

from core.ratelimit import RATE_SETTINGS, parse_rate


def test_parse_rate_reads_django_ratelimit_notation():
    assert parse_rate("10/m") == (10, 60)
    assert parse_rate("5/10m") == (5, 600)
    assert parse_rate("30/h") == (30, 3600)
    assert parse_rate("2/D") == (2, 86400)
    for wrong in ("", "10", "/m", "ten/m", "10/minute", "0/m", "5/0m", "-1/s"):
        with pytest.raises(ValueError):
            parse_rate(wrong)


def test_every_rate_setting_is_checked_at_start_up(settings):
    assert [error.id for error in run_checks() if error.id.startswith("core.")] == []
    for name in RATE_SETTINGS:
        parse_rate(getattr(settings, name))  # the defaults are valid
    settings.REGISTRATION_RATE = "30 a minute"
    settings.SUPPORT_REQUEST_RATE = "0/m"
    errors = [error for error in run_checks() if error.id == "core.E001"]
    assert sorted(error.msg.split("=")[0] for error in errors) == [
        "REGISTRATION_RATE",
        "SUPPORT_REQUEST_RATE",
    ]
