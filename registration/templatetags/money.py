"""Money in VND (no minor unit): `500.000 ₫` in Vietnamese, `VND 500,000` in English."""

from django import template
from django.utils.translation import get_language

register = template.Library()


def format_vnd(amount, language=None):
    """Format an integer amount of đồng for the given (or active) language."""
    if amount is None or amount == "":
        return ""
    try:
        value = int(amount)
    except (TypeError, ValueError):
        return str(amount)
    language = (language or get_language() or "vi").split("-")[0]
    grouped = f"{abs(value):,}"
    sign = "-" if value < 0 else ""
    if language == "vi":
        return f"{sign}{grouped.replace(',', '.')}\u00a0₫"
    return f"{sign}VND\u00a0{grouped}"


def _millions(value, language):
    text = f"{value / 1_000_000:.1f}".removesuffix(".0")
    return text.replace(".", ",") if language == "vi" else text


def format_vnd_range(low, high, language=None):
    """A price range for people: `30–70 triệu ₫` in Vietnamese, `VND 30–70 million` in English.

    Whole (or tenth) millions are written in millions, other amounts in full; one end missing gives
    `từ …`/`from …` or `đến …`/`up to …`; none gives "" (the caller shows "contact us").
    """
    language = (language or get_language() or "vi").split("-")[0]
    vi = language == "vi"
    if low is None and high is None:
        return ""
    if low is not None and high is not None and low != high:
        if all(v >= 1_000_000 and v % 100_000 == 0 for v in (low, high)):
            span = f"{_millions(low, language)}–{_millions(high, language)}"
            return f"{span}\u00a0triệu\u00a0₫" if vi else f"VND\u00a0{span}\u00a0million"
        if vi:
            return f"{format_vnd(low, language).removesuffix(chr(160) + '₫')}–{format_vnd(high, language)}"
        return f"{format_vnd(low, language)}–{format_vnd(high, language).removeprefix('VND' + chr(160))}"
    amount = format_vnd(low if low is not None else high, language)
    if low is not None and high is not None:
        return amount
    if low is not None:
        return f"từ {amount}" if vi else f"from {amount}"
    return f"đến {amount}" if vi else f"up to {amount}"


@register.filter
def vnd(amount):
    """`{{ amount|vnd }}`: the amount in the active language's way of writing đồng."""
    return format_vnd(amount)
