"""The certificate as a PDF: bilingual (Vietnamese first), with the QR of its public verify page."""

import io
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import formats, timezone, translation

from core.links import absolute_url
from core.pdf import pdf_font
from core.qr import qr_png

DEFAULT_SIGNATURE = "certificates/signature.png"


def verify_page() -> str:
    with translation.override("vi"):
        return absolute_url(reverse("certificates:verify"))


def verify_url(certificate) -> str:
    """The public page that confirms the certificate (what its QR code holds)."""
    return f"{verify_page()}?code={certificate.code}"


def signature_path() -> str | None:
    """CERTIFICATE_SIGNATURE_IMAGE (a file the organisers provide), else the shipped placeholder."""
    configured = settings.CERTIFICATE_SIGNATURE_IMAGE
    if configured and Path(configured).is_file():
        return configured
    return finders.find(DEFAULT_SIGNATURE)


def class_titles(event) -> tuple[str, str]:
    """The class's Vietnamese title and its English one (the same when it has no English page)."""
    return event.title, event.localized_for("en").title


def hours_text(hours, language) -> str:
    if hours is None:
        return ""
    # 10.0 reads "10", 7.5 reads "7,5" in Vietnamese and "7.5" in English (normalize() gives "1E+1").
    whole = hours == hours.to_integral_value()
    with translation.override(language):
        return formats.number_format(hours.to_integral_value() if whole else hours, use_l10n=True)


def certificate_pdf(certificate) -> bytes:
    """One landscape A4 page: who, which class, when, how long, who organised it, a signature, the QR."""
    from reportlab.lib.pagesizes import A4, landscape  # slow to import; only the download needs it
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    event = certificate.event
    title_vi, title_en = class_titles(event)
    day = timezone.localtime(event.starts_at).strftime("%d/%m/%Y")
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(f"Chứng nhận · Certificate · {certificate.code}")
    regular, bold = pdf_font(), pdf_font(bold=True)
    pdf.setStrokeColorRGB(0.04, 0.3, 0.64)
    pdf.setLineWidth(3)
    pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)

    def centred(text, y, size, font=regular):
        pdf.setFont(font, size)
        pdf.drawCentredString(width / 2, y, text[:90])

    centred("GIẤY CHỨNG NHẬN", height - 40 * mm, 28, bold)
    centred("CERTIFICATE OF ATTENDANCE", height - 50 * mm, 14)
    centred("Chứng nhận · This certifies that", height - 66 * mm, 12)
    centred(certificate.name, height - 80 * mm, 26, bold)
    centred("đã tham gia lớp · attended the class", height - 93 * mm, 12)
    centred(title_vi, height - 105 * mm, 18, bold)
    if title_en != title_vi:
        centred(title_en, height - 114 * mm, 13)
    details = [f"Ngày · Date: {day}"]
    if certificate.hours is not None:
        details.append(
            f"Thời lượng: {hours_text(certificate.hours, 'vi')} giờ · "
            f"Duration: {hours_text(certificate.hours, 'en')} hours"
        )
    for line, text in enumerate(details):
        centred(text, height - 128 * mm - line * 8 * mm, 12)

    # Bottom left: the organiser and the signature; bottom right: the QR and the code to type.
    left = 30 * mm
    signature = signature_path()
    if signature:
        pdf.drawImage(ImageReader(signature), left, 38 * mm, 60 * mm, 20 * mm, mask="auto")
    pdf.setFont(regular, 10)
    pdf.drawString(left, 32 * mm, "Đơn vị tổ chức · Organiser")
    pdf.setFont(bold, 11)
    pdf.drawString(left, 26 * mm, (certificate.organiser or settings.WAGTAIL_SITE_NAME)[:60])

    size = 42 * mm
    right = width - 30 * mm - size
    pdf.drawImage(ImageReader(io.BytesIO(qr_png(verify_url(certificate)))), right, 30 * mm, size, size)
    pdf.setFont(regular, 9)
    pdf.drawCentredString(right + size / 2, 25 * mm, f"Mã xác minh · Verification code: {certificate.code}")
    pdf.drawCentredString(right + size / 2, 20 * mm, verify_page())
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
