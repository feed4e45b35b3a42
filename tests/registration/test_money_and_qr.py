"""The VND filter, ticket secrets and QR codes."""

import io
import math
import re

import zxingcpp
from django.template import Context, Template
from django.utils import translation
from PIL import Image, ImageDraw

from core import qr
from registration.codes import ALPHABET, SECRET_LENGTH, generate_reference, generate_secret
from registration.templatetags.money import format_vnd


def test_vnd_in_both_languages():
    assert format_vnd(500000, "vi") == "500.000\u00a0₫"
    assert format_vnd(500000, "en") == "VND\u00a0500,000"
    assert format_vnd(0, "vi") == "0\u00a0₫"
    assert format_vnd(None) == ""
    template = Template("{% load money %}{{ amount|vnd }}")
    with translation.override("vi"):
        assert template.render(Context({"amount": 1250000})) == "1.250.000\u00a0₫"
    with translation.override("en"):
        assert template.render(Context({"amount": 1250000})) == "VND\u00a01,250,000"


def test_secret_strength_and_alphabet():
    assert not set("0O1lI") & set(ALPHABET)
    assert SECRET_LENGTH * math.log2(len(ALPHABET)) >= 128
    values = {generate_secret() for _ in range(500)}
    assert len(values) == 500
    assert all(len(v) == SECRET_LENGTH and set(v) <= set(ALPHABET) for v in values)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{8}", generate_reference())


def test_png_qr_decodes_to_the_secret():
    secret = generate_secret()
    image = Image.open(io.BytesIO(qr.qr_png(secret)))
    assert zxingcpp.read_barcodes(image)[0].text == secret


def rasterise_svg(svg: str, scale=8) -> Image.Image:
    """Draw the squares of qrcode's path SVG onto a white image (no SVG renderer needed)."""
    size = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(1))
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    for x, y in re.findall(r"M(\d+),(\d+)H", svg):
        x, y = int(x), int(y)
        draw.rectangle([x * scale, y * scale, (x + 1) * scale - 1, (y + 1) * scale - 1], fill=0)
    return image


def test_svg_qr_decodes_to_the_secret():
    secret = generate_secret()
    svg = qr.qr_svg(secret)
    assert secret not in svg
    assert zxingcpp.read_barcodes(rasterise_svg(svg))[0].text == secret
