"""Fonts for the PDFs and images we draw (tickets, badges, posters).

DejaVu Sans ships with the project (`core/fonts/`, Bitstream Vera licence) because reportlab's built-in
Helvetica has no "ễ" or "ự", and a server may have no font with them installed.
"""

from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"


def font_path(bold: bool = False) -> Path:
    """The TrueType file, for Pillow (`ImageFont.truetype`)."""
    return FONTS / f"{BOLD if bold else REGULAR}.ttf"


def pdf_font(bold: bool = False) -> str:
    """The name of the font registered with reportlab, registering it on first use."""
    from reportlab.pdfbase import pdfmetrics  # slow to import; only PDF views need it
    from reportlab.pdfbase.ttfonts import TTFont

    name = BOLD if bold else REGULAR
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(font_path(bold))))
    return name
