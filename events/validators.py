"""Checks on floor-plan drawings: an SVG with a usable viewBox and nothing active in it, or a real image."""

import re

from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_PLAN_BYTES = 5 * 1024 * 1024
MAX_PLAN_SIDE = 20000
RASTER_FORMATS = {"PNG", "JPEG", "WEBP"}
# What could run or load something when the drawing is opened on its own (the map embeds it as an
# <image>, where nothing runs, but its media URL can still be opened directly).
ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video", "handler"}
NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"


def _local(name):
    return name.rsplit("}", 1)[-1].lower()


def _svg_size(data):
    try:
        root = ElementTree.fromstring(data)
    except Exception as error:  # defusedxml raises its own errors and ParseError alike
        raise ValidationError(_("This SVG file cannot be read."), code="svg") from error
    if _local(root.tag) != "svg":
        raise ValidationError(_("This SVG file cannot be read."), code="svg")
    for element in root.iter():
        if _local(element.tag) in ACTIVE_ELEMENTS:
            raise ValidationError(_("The SVG contains scripts or embedded content."), code="svg_active")
        for attribute, value in element.attrib.items():
            name = _local(attribute)
            if name.startswith("on") or (name == "href" and value.strip().lower().startswith("javascript:")):
                raise ValidationError(_("The SVG contains scripts or embedded content."), code="svg_active")
    numbers = re.findall(NUMBER, root.attrib.get("viewBox", ""))
    if len(numbers) == 4:
        width, height = float(numbers[2]), float(numbers[3])
    else:
        width = float((re.findall(NUMBER, root.attrib.get("width", "")) or [0])[0])
        height = float((re.findall(NUMBER, root.attrib.get("height", "")) or [0])[0])
    if width < 1 or height < 1:
        raise ValidationError(_("The SVG needs a viewBox (or a width and a height)."), code="svg_size")
    return round(width), round(height)


def _raster_size(file):
    from PIL import Image, UnidentifiedImageError  # slow to import; only uploads need it

    try:
        with Image.open(file) as image:
            if image.format not in RASTER_FORMATS:
                raise ValidationError(_("Upload an SVG, PNG, JPEG or WebP file."), code="format")
            return image.size
    except (UnidentifiedImageError, OSError) as error:
        raise ValidationError(_("Upload an SVG, PNG, JPEG or WebP file."), code="format") from error


def plan_size(file):
    """(width, height) of a floor-plan drawing in its own units; ValidationError if it is not one."""
    if file.size > MAX_PLAN_BYTES:
        raise ValidationError(_("The drawing is larger than 5 MB."), code="too_big")
    file.open("rb")
    file.seek(0)
    if is_svg(file.name):
        size = _svg_size(file.read())
    else:
        size = _raster_size(file)
    file.seek(0)
    if max(size) > MAX_PLAN_SIDE:
        raise ValidationError(_("The drawing is larger than 20000 units on a side."), code="too_big")
    return size


def validate_plan_file(file):
    plan_size(file)


def is_svg(name):
    return str(name).lower().endswith(".svg")
