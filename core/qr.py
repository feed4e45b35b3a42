"""QR codes: a ticket's secret, a booth's or product's public URL. One encoder for every image we make."""

import io


def qr_image(data: str, box_size: int = 10):
    """A black-on-white Pillow image of `data` (medium error correction, the standard 4-module border)."""
    import qrcode  # slow to import; only the views that draw codes need it

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=4)
    code.add_data(data)
    code.make(fit=True)
    return code.make_image(fill_color="black", back_color="white").convert("RGB")


def qr_png(data: str, box_size: int = 10) -> bytes:
    buffer = io.BytesIO()
    qr_image(data, box_size).save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(data: str) -> str:
    """A filled SVG (white background), so it scans on dark themes and rasterises cleanly."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(
        data,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=10,
        border=4,
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()
