"""Checks on what companies type and upload: tax codes and images (phone numbers: core.phone)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions
from stdnum.vn import mst

from core.phone import validate_phone

# Migration 0001 names the contact phone's validator `exhibitors.validators.validate_phone`.
__all__ = ["check_image_upload", "normalise_tax_code", "validate_phone", "validate_tax_code"]

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MIN_IMAGE_SIDE = 16
MAX_IMAGE_SIDE = 6000
ALLOWED_IMAGE_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


def normalise_tax_code(value):
    """`0401234567` or `0401234567-001`, from what people type (spaces, dots, a missing dash)."""
    compact = mst.compact(value or "")
    if len(compact) == 13:
        return f"{compact[:10]}-{compact[10:]}"
    return compact


def validate_tax_code(value):
    """Vietnamese tax code (mã số thuế): 10 digits, or 10 + "-" + 3 for a branch, with its check digit."""
    compact = mst.compact(value or "")
    if not compact.isdigit():
        raise ValidationError(
            _("A tax code has only digits (and a dash before a branch number)."), code="format"
        )
    if len(compact) not in (10, 13):
        raise ValidationError(
            _("A tax code has 10 digits, or 10 digits, a dash and 3 digits for a branch (0401234567-001)."),
            code="length",
        )
    try:
        mst.validate(compact)
    except exceptions.InvalidChecksum as error:
        raise ValidationError(
            _("This tax code's check digit is wrong: please check it against your business registration."),
            code="checksum",
        ) from error
    except exceptions.ValidationError as error:
        raise ValidationError(_("This is not a valid Vietnamese tax code."), code="invalid") from error


def check_image_upload(uploaded):
    """Refuse anything that is not really an image (by content), too big, or absurdly sized.

    Returns the Pillow format name. The file is rewound so it can be saved afterwards.
    """
    from PIL import Image, UnidentifiedImageError  # slow to import; only uploads need it

    if uploaded.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("The image is larger than 5 MB: please send a smaller one."), code="too_big")
    too_large = ValidationError(
        _("The image is too large: at most %(max)s × %(max)s pixels."),
        code="too_large",
        params={"max": MAX_IMAGE_SIDE},
    )
    uploaded.seek(0)
    try:
        with Image.open(uploaded) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except Image.DecompressionBombError as error:  # a readable image, only far too many pixels
        raise too_large from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("This file is not an image we can read: upload a PNG, JPEG, GIF or WebP picture."),
            code="not_image",
        ) from error
    finally:
        uploaded.seek(0)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            _("This file is not an image we can read: upload a PNG, JPEG, GIF or WebP picture."),
            code="not_image",
        )
    if max(width, height) > MAX_IMAGE_SIDE:
        raise too_large
    if min(width, height) < MIN_IMAGE_SIDE:
        raise ValidationError(
            _("The image must be between %(min)s and %(max)s pixels on each side.")
            % {"min": MIN_IMAGE_SIDE, "max": MAX_IMAGE_SIDE},
            code="dimensions",
        )
    return image_format
