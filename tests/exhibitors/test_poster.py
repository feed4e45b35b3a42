"""The booth poster's QR code opens the exhibitor's public page (decoded with zxing-cpp)."""

import io

import pytest


@pytest.mark.parametrize(("fmt", "size", "language"), [("png", "A4", "vi"), ("pdf", "A3", "en")])
def test_poster_qr_decodes_to_exhibitor_page(fmt, size, language, exhibitor, package, booth):
    import zxingcpp
    from PIL import Image

    from exhibitors.poster import make_poster
    from tests.factories.exhibitors import ApplicationFactory

    application = ApplicationFactory(exhibitor=exhibitor, package=package, status="confirmed", booth=booth)
    content = make_poster(exhibitor, application, fmt=fmt, size=size, language=language).getvalue()
    if fmt == "pdf":
        assert content.startswith(b"%PDF")
        image = _pdf_qr(content)
    else:
        image = Image.open(io.BytesIO(content))
    results = zxingcpp.read_barcodes(image)
    assert [r.text for r in results] == [f"http://testserver/{language}/exhibitors/{exhibitor.slug}/"]


def _pdf_qr(content):
    """The QR image embedded in the PDF: reportlab stores it as an ASCII85 + Flate image XObject."""
    import base64
    import re
    import zlib

    from PIL import Image

    match = re.search(rb"<<([^>]*?/Subtype /Image[^>]*)>>\s*stream\r?\n(.*?)endstream", content, re.S)
    assert match, "no image in the PDF"
    header, data = match.group(1), match.group(2)
    width = int(re.search(rb"/Width (\d+)", header).group(1))
    height = int(re.search(rb"/Height (\d+)", header).group(1))
    if b"ASCII85Decode" in header:
        data = base64.a85decode(data.strip(), adobe=True)
    if b"FlateDecode" in header:
        data = zlib.decompress(data)
    mode = "RGB" if b"DeviceRGB" in header else "L"
    return Image.frombytes(mode, (width, height), data[: width * height * len(mode)])
