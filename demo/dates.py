"""Demo dates are computed from the day `load_demo` runs, so the demo never goes stale."""

import datetime
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def next_digital_day(today):
    """The next 10 October strictly after today (Vietnam's National Digital Transformation Day)."""
    candidate = datetime.date(today.year, 10, 10)
    return candidate if candidate > today else datetime.date(today.year + 1, 10, 10)


def at(day, clock):
    """`day` at "HH:MM" (a time from a data file), in Đà Nẵng."""
    return datetime.datetime.combine(day, datetime.time.fromisoformat(clock), TZ)
