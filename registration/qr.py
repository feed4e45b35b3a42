"""QR codes for tickets: they hold the ticket's secret and nothing else."""


def qr_png(secret: str, box_size: int = 10) -> bytes:
    import io

    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=4)
    code.add_data(secret)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(secret: str) -> str:
    import io

    import qrcode
    import qrcode.image.svg

    # A filled SVG (white background) so it scans on dark themes and rasterises cleanly.
    image = qrcode.make(
        secret,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=10,
        border=4,
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()
