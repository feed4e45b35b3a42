"""The booth poster: company name, hall and booth, and a QR code opening the company's public page."""

import io

from django.utils import translation
from django.utils.translation import gettext as _

from core.links import absolute_url
from core.pdf import font_path, pdf_font
from core.qr import qr_image

SIZES_MM = {"A4": (210, 297), "A3": (297, 420)}


def public_url(exhibitor, language):
    with translation.override(language):
        return absolute_url(exhibitor.get_absolute_url())


def _lines(exhibitor, application, language):
    with translation.override(language):
        booth = application.booth
        where = (
            _("Hall %(hall)s · Booth %(number)s") % {"hall": booth.hall, "number": booth.number}
            if booth
            else _("Booth to be assigned")
        )
        return {
            "event": application.event.title,
            "company": exhibitor.name,
            "where": where,
            "scan": _("Scan to see our products"),
            "badge": "Make in DaNang" if exhibitor.is_make_in_danang else "",
        }


def make_poster(exhibitor, application, *, fmt="pdf", size="A4", language="vi"):
    """A file-like object with the poster as PDF (reportlab) or PNG (Pillow)."""
    url = public_url(exhibitor, language)
    lines = _lines(exhibitor, application, language)
    if fmt == "png":
        return _png(url, lines, size)
    return _pdf(url, lines, size)


def _pdf(url, lines, size):
    # reportlab is slow to import; only the poster download needs it.
    from reportlab.lib.pagesizes import A3, A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    regular, bold = pdf_font(), pdf_font(bold=True)
    pagesize = A3 if size == "A3" else A4
    width, height = pagesize
    scale = width / A4[0]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=pagesize)
    pdf.setTitle(lines["company"])
    pdf.setFillColorRGB(0.043, 0.306, 0.635)
    pdf.rect(0, height - 40 * mm * scale, width, 40 * mm * scale, stroke=0, fill=1)
    pdf.setFillColorRGB(1, 1, 1)
    pdf.setFont(regular, 16 * scale)
    pdf.drawCentredString(width / 2, height - 22 * mm * scale, lines["event"][:70])
    pdf.setFillColorRGB(0.1, 0.12, 0.14)
    font_size = 40 * scale if len(lines["company"]) < 24 else 28 * scale
    pdf.setFont(bold, font_size)
    pdf.drawCentredString(width / 2, height - 70 * mm * scale, lines["company"][:48])
    pdf.setFont(regular, 26 * scale)
    pdf.drawCentredString(width / 2, height - 90 * mm * scale, lines["where"])
    qr_side = 120 * mm * scale
    pdf.drawImage(
        ImageReader(qr_image(url)), (width - qr_side) / 2, height - 225 * mm * scale, qr_side, qr_side
    )
    pdf.setFont(regular, 18 * scale)
    pdf.drawCentredString(width / 2, height - 238 * mm * scale, lines["scan"])
    pdf.setFont(regular, 11 * scale)
    pdf.drawCentredString(width / 2, height - 248 * mm * scale, url)
    if lines["badge"]:
        pdf.setFont(bold, 18 * scale)
        pdf.setFillColorRGB(0.09, 0.41, 0.18)
        pdf.drawCentredString(width / 2, 20 * mm * scale, lines["badge"])
    pdf.showPage()
    pdf.save()
    buffer.seek(0)
    return buffer


def _png(url, lines, size):
    from PIL import Image, ImageDraw, ImageFont  # slow to import; only the poster download needs it

    dpi = 100
    width_mm, height_mm = SIZES_MM.get(size, SIZES_MM["A4"])
    width, height = int(width_mm / 25.4 * dpi), int(height_mm / 25.4 * dpi)
    scale = width / 827
    poster = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(poster)

    def font(points, bold=False):
        return ImageFont.truetype(str(font_path(bold)), int(points * scale))

    draw.rectangle([0, 0, width, int(160 * scale)], fill=(11, 78, 162))
    draw.text(
        (width / 2, 80 * scale),
        lines["event"][:70],
        fill="white",
        font=font(24),
        anchor="mm",
    )
    draw.text(
        (width / 2, 260 * scale),
        lines["company"][:48],
        fill=(27, 31, 36),
        font=font(44, bold=True),
        anchor="mm",
    )
    draw.text(
        (width / 2, 340 * scale),
        lines["where"],
        fill=(27, 31, 36),
        font=font(32),
        anchor="mm",
    )
    side = int(480 * scale)
    qr = qr_image(url).resize((side, side), Image.NEAREST)
    poster.paste(qr, ((width - side) // 2, int(400 * scale)))
    draw.text(
        (width / 2, 920 * scale),
        lines["scan"],
        fill=(27, 31, 36),
        font=font(26),
        anchor="mm",
    )
    draw.text((width / 2, 965 * scale), url, fill=(74, 83, 96), font=font(16), anchor="mm")
    if lines["badge"]:
        draw.text(
            (width / 2, height - 60 * scale),
            lines["badge"],
            fill=(23, 105, 47),
            font=font(28, bold=True),
            anchor="mm",
        )
    buffer = io.BytesIO()
    poster.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer
