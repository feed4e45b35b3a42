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


@register.filter
def vnd(amount):
    """`{{ amount|vnd }}`: the amount in the active language's way of writing đồng."""
    return format_vnd(amount)
