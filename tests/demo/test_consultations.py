"""The consultations demo: a closed draft with 30+ comments and responses, an open one with a few; a
second run adds nothing."""

import random

import pytest

from consultations.models import CommentStatus, ConsultationComment, ConsultationPage
from demo.loaders import consultations as loader

pytestmark = pytest.mark.django_db


def test_demo_consultations(site_pages, client):
    loader.load(scale=1, rng=random.Random(1), log=lambda *a: None)
    pages = {page.stage(): page for page in ConsultationPage.objects.filter(locale__language_code="vi")}
    closed, open_ = pages["closed"], pages["open"]
    assert ConsultationComment.objects.filter(consultation=closed).count() >= 30
    assert (
        ConsultationComment.objects.filter(consultation=closed, status=CommentStatus.PUBLISHED).count() >= 20
    )
    assert all(block.value["response_kind"] for block in closed.sections)
    assert 1 <= ConsultationComment.objects.filter(consultation=open_).count() <= 6
    assert closed.document and closed.document.file.read(5) == b"%PDF-"
    english = closed.get_translations().get(locale__language_code="en").specific
    assert [b.id for b in english.sections] == [b.id for b in closed.sections]
    html = client.get(english.url).content.decode()
    assert "Not accepted" in html and "Law on Data" in html and "@example.com" not in html
    counts = ConsultationComment.objects.count()
    loader.load(scale=1, rng=random.Random(2), log=lambda *a: None)
    assert ConsultationComment.objects.count() == counts
