"""Tax codes, phone numbers and uploads: clear messages for what people get wrong."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.phone import normalise_phone
from exhibitors.validators import check_image_upload, normalise_tax_code, validate_tax_code
from tests.factories.exhibitors import valid_tax_code
from tests.factories.images import png_bytes


@pytest.mark.parametrize(
    "value", [valid_tax_code(1), valid_tax_code(77) + "-001", " 0100109106 ", "0100109106-001"]
)
def test_valid_tax_codes(value):
    validate_tax_code(value)


def test_tax_code_normalised_with_branch_dash():
    assert normalise_tax_code("0100109106 001") == "0100109106-001"
    assert normalise_tax_code(" 0100109106 ") == "0100109106"


@pytest.mark.parametrize(
    ("value", "code", "words"),
    [
        ("0100109107", "checksum", "check digit"),
        ("01001091", "length", "10 digits"),
        ("0100109106-0012", "length", "10 digits"),
        ("01001A9106", "format", "only digits"),
    ],
)
def test_invalid_tax_codes_say_why(value, code, words):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_tax_code(value)
    assert error.value.code == code
    with translation.override("en"):
        assert words in error.value.messages[0]


def test_tax_code_message_in_vietnamese():
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        validate_tax_code("0100109107")
    with translation.override("vi"):
        assert "Chữ số kiểm tra của mã số thuế không đúng" in error.value.messages[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0905 123 456", "+84905123456"),
        ("+84 236 3831 022", "+842363831022"),
        ("0362.123.456", "+84362123456"),
    ],
)
def test_phone_numbers_become_e164(value, expected):
    assert normalise_phone(value) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [("090512", "phone_invalid"), ("abc", "phone_format"), ("0905 123 4567 89", "phone_invalid")],
)
def test_bad_phone_numbers_say_why(value, code):
    with pytest.raises(ValidationError) as error:
        normalise_phone(value)
    assert error.value.code == code


def test_real_image_accepted():
    upload = SimpleUploadedFile("logo.png", png_bytes(), "image/png")
    assert check_image_upload(upload) == "PNG"
    assert upload.read(8).startswith(b"\x89PNG")  # rewound for saving


def test_text_file_renamed_png_refused():
    upload = SimpleUploadedFile("logo.png", b"<script>alert(1)</script> not an image", "image/png")
    with pytest.raises(ValidationError) as error:
        check_image_upload(upload)
    assert error.value.code == "not_image"


def test_image_over_5_mb_refused():
    upload = SimpleUploadedFile("big.png", png_bytes() + b"\0" * (5 * 1024 * 1024), "image/png")
    with pytest.raises(ValidationError) as error:
        check_image_upload(upload)
    assert error.value.code == "too_big"


def test_absurd_dimensions_refused():
    upload = SimpleUploadedFile("thin.png", png_bytes(size=(4, 400)), "image/png")
    with pytest.raises(ValidationError) as error:
        check_image_upload(upload)
    assert error.value.code == "dimensions"


def png_header_only(width, height):
    """A PNG that declares `width` x `height` (a decompression bomb's header): Pillow refuses it on open."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


@pytest.mark.parametrize("content", [png_bytes(size=(8000, 20)), png_header_only(30_000, 30_000)])
def test_large_images_are_called_too_large_with_the_limit(content):
    with pytest.raises(ValidationError) as error:
        check_image_upload(SimpleUploadedFile("huge.png", content, "image/png"))
    assert error.value.code == "too_large"
    with translation.override("vi"):
        message = str(error.value.messages[0])
    assert "6000" in message and "quá lớn" in message and "đọc" not in message


def test_pdf_renamed_jpg_refused():
    buffer = io.BytesIO(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    upload = SimpleUploadedFile("photo.jpg", buffer.getvalue(), "image/jpeg")
    with pytest.raises(ValidationError):
        check_image_upload(upload)
