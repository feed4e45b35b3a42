"""Phone numbers as people type them in Vietnam, stored in E.164 (`0905 123 456` → `+84905123456`)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_phone(value: str) -> str:
    """E.164, read as Vietnamese when there is no country code; "" stays "". Raises ValidationError
    with code `phone_format` (not a phone number) or `phone_invalid` (no such number)."""
    import phonenumbers  # large metadata; only forms that take a phone need it

    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "VN")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _("Enter a valid phone number, for example 0905 123 456 or +84 905 123 456."), code="phone_format"
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("This phone number does not exist: check the number of digits (a Vietnamese mobile has 10)."),
            code="phone_invalid",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value):
    """A model or form field validator."""
    normalise_phone(value)
