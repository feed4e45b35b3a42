"""Factories for consultations: a draft with sections, and comments in any state."""

from datetime import timedelta

import factory
from django.utils import timezone
from wagtail.rich_text import RichText

from consultations.models import CommentStatus, ConsultationComment, ConsultationIndexPage, ConsultationPage
from tests.factories.content import PageFactory


def sections(*titles, responses=None):
    """StreamField data for sections with these titles; `responses` maps a title to (kind, text)."""
    responses = responses or {}
    return [
        (
            "section",
            {
                "title": title,
                "body": RichText(f"<p>Nội dung {title}.</p>"),
                "response_kind": responses.get(title, ("", ""))[0],
                "response": RichText(f"<p>{responses[title][1]}</p>" if title in responses else ""),
            },
        )
        for title in titles
    ]


class ConsultationIndexPageFactory(PageFactory):
    class Meta:
        model = ConsultationIndexPage

    title = "Góp ý dự thảo"
    slug = "gop-y-du-thao"


class ConsultationPageFactory(PageFactory):
    """Open now: opened yesterday, closes in a week."""

    class Meta:
        model = ConsultationPage

    title = factory.Sequence(lambda n: f"Dự thảo kế hoạch {n}")
    intro = "Kế hoạch chuyển đổi số của thành phố."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    sections = factory.LazyFunction(lambda: sections("Điều 1. Phạm vi", "Điều 2. Đối tượng"))


class ConsultationCommentFactory(factory.django.DjangoModelFactory):
    """A comment on the first section of `consultation`, published unless told otherwise."""

    class Meta:
        model = ConsultationComment

    consultation = None
    consultation_key = factory.LazyAttribute(lambda c: c.consultation.translation_key)
    section_id = factory.LazyAttribute(lambda c: c.consultation.sections[0].id)
    section_title = factory.LazyAttribute(lambda c: c.consultation.sections[0].value["title"])
    name = factory.Sequence(lambda n: f"Người góp ý {n}")
    email = factory.Sequence(lambda n: f"nguoi{n}@example.com")
    organisation = "Công ty Phần mềm Sông Hàn"
    text = factory.Sequence(lambda n: f"Đề nghị bổ sung quy định số {n} về dữ liệu mở.")
    status = CommentStatus.PUBLISHED
    consent_at = factory.LazyFunction(timezone.now)
    consent_text = "Tôi đồng ý."
