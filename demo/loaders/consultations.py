"""Demo consultations: a closed draft with 30+ moderated comments and the committee's responses, and an
open one with a few comments in every state. Each draft's full text is a PDF drawn here.

Data: demo/data/consultations/. Idempotent: a consultation that already exists is left as it is.
"""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale

from consultations.models import CommentStatus, ConsultationComment, ConsultationIndexPage, ConsultationPage
from content.models import HomePage
from core.pdf import pdf_font
from demo.files import read
from demo.loaders.content import ensure_translated, rich

# The closed draft's comments: most published, some rejected, a few never confirmed or still waiting.
CLOSED_STATES = [CommentStatus.PUBLISHED] * 8 + [CommentStatus.REJECTED, CommentStatus.PENDING_CONFIRMATION]
OPEN_STATES = [
    CommentStatus.PUBLISHED,
    CommentStatus.PUBLISHED,
    CommentStatus.PENDING,
    CommentStatus.PENDING_CONFIRMATION,
    CommentStatus.PUBLISHED,
]


def load(scale, rng, log):
    data = read("consultations", "consultations")
    home = HomePage.objects.filter(locale__language_code="vi").first()
    home_en = home.get_translations().filter(locale__language_code="en").first().specific
    index, index_en = ensure_translated(
        home,
        home_en,
        ConsultationIndexPage,
        slug=data["index"]["slug"],
        slug_en=data["index"]["slug_en"],
        vi=data["index"]["vi"],
        en=data["index"]["en"],
    )
    comments = 0
    for spec in data["consultations"]:
        page = ConsultationPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if page is None:
            page = build_consultation(index, spec)
            comments += build_comments(page, spec, data, rng)
    log(
        f"  {ConsultationPage.objects.filter(locale__language_code='vi').count()} consultations, {comments} comments"
    )


def _sections(spec, language, ids=None):
    blocks = []
    for number, section in enumerate(spec["sections"]):
        title, body = section[language]
        kind, *texts = section.get("response", ["", "", ""])
        block = {
            "type": "section",
            "value": {
                "title": title,
                "body": rich(body),
                "response_kind": kind,
                "response": rich(texts[0 if language == "vi" else 1]) if kind else "",
            },
        }
        if ids:
            block["id"] = ids[number]
        blocks.append(block)
    return blocks


def build_consultation(index, spec):
    now = timezone.now()
    page = ConsultationPage(
        slug=spec["slug"],
        locale=index.locale,
        opens_at=now + timedelta(days=spec["opens_days"]),
        closes_at=now + timedelta(days=spec["closes_days"]),
        sections=_sections(spec, "vi"),
        document=full_text_pdf(spec),
        **spec["vi"],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    # The translation keeps each section's id, so comments and counts are shared by both languages.
    en = Locale.objects.get(language_code="en")
    page_en = page.copy_for_translation(en).specific
    page_en.slug = spec["slug_en"]
    for name, value in spec["en"].items():
        setattr(page_en, name, value)
    page_en.sections = _sections(spec, "en", ids=[block.id for block in page.sections])
    page_en.save_revision().publish()
    return page


def full_text_pdf(spec):
    """The draft's full text as a small PDF document, in the demo's Vietnamese."""
    from reportlab.lib.pagesizes import A4  # slow to import; only this step needs it
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    y = 800
    pdf.setFont(pdf_font(bold=True), 12)
    pdf.drawString(50, y, spec["vi"]["title"][:90])
    pdf.setFont(pdf_font(), 10)
    for section in spec["sections"]:
        title, body = section["vi"]
        y -= 30
        pdf.drawString(50, y, title)
        y -= 16
        pdf.drawString(50, y, body[:110])
    pdf.save()
    document = get_document_model()(title=spec["vi"]["title"][:255])
    document.file.save(f"{spec['slug']}.pdf", ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document


def build_comments(page, spec, data, rng):
    closed = spec["closes_days"] < 0
    states = CLOSED_STATES if closed else OPEN_STATES
    sections = [(block.id, block.value["title"]) for block in page.sections]
    rows = []
    for number in range(spec["comments"]):
        name, organisation = rng.choice(data["people"])
        section_id, section_title = sections[number % len(sections)]
        sent = page.opens_at + timedelta(hours=rng.randint(1, 24 * max(1, -spec["opens_days"] - 1)))
        sent = min(sent, timezone.now(), page.closes_at - timedelta(hours=1))
        status = states[number % len(states)]
        rows.append(
            ConsultationComment(
                consultation=page,
                consultation_key=page.translation_key,
                section_id=section_id,
                section_title=section_title,
                name=name,
                email=f"gopy{page.pk}-{number}@example.com",
                organisation=organisation,
                text=rng.choice(data["comments"]),
                status=status,
                consent_at=sent,
                consent_text="Tôi đồng ý để Ban tổ chức lưu và công bố góp ý (demo).",
                created_at=sent,
                confirmed_at=None if status == CommentStatus.PENDING_CONFIRMATION else sent,
                moderated_at=sent + timedelta(days=1) if status in ("published", "rejected") else None,
            )
        )
    ConsultationComment.objects.bulk_create(rows)
    return len(rows)
