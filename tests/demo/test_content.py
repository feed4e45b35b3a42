"""The demo data: realistic, bilingual, and idempotent."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from content.models import (
    ArticlePage,
    SiteContactSettings,
    StandardPage,
    SupportPage,
    SupportReply,
    SupportRequest,
)


@pytest.mark.django_db
def test_load_demo_twice_creates_nothing_new(client):
    call_command("load_demo", verbosity=0)
    counts = {
        model: model.objects.count()
        for model in (Page, ArticlePage, StandardPage, SupportPage, SupportRequest, SupportReply)
    }
    call_command("load_demo", verbosity=0)
    assert {model: model.objects.count() for model in counts} == counts
    vi_articles = ArticlePage.objects.filter(locale__language_code="vi")
    assert vi_articles.count() >= 12
    assert vi_articles.filter(category="success_story").count() >= 4
    assert ArticlePage.objects.filter(locale__language_code="en").count() == vi_articles.count()
    # The privacy notice is generated from the settings (core/privacy_notice.py), not a page.
    assert not StandardPage.objects.filter(slug="privacy").exists()
    assert SiteContactSettings.objects.get().hotline == "1022"
    # Support requests in every state, from the form and the hotline, answered ones with replies.
    assert set(SupportRequest.objects.values_list("status", flat=True)) == set(SupportRequest.Status.values)
    assert set(SupportRequest.objects.values_list("source", flat=True)) == set(SupportRequest.Source.values)
    assert not SupportRequest.objects.filter(status__in=["answered", "closed"], replies__isnull=True).exists()
    for path in [
        "/vi/",
        "/en/",
        "/vi/privacy/",
        "/en/privacy/",
        "/vi/ho-tro/",
        "/en/support/",
        "/vi/chuyen-muc-chuyen-doi-so/",
        "/en/digital-transformation-news/",
    ]:
        assert client.get(path).status_code == 200, path
    assert "chuyển đổi số" in client.get("/vi/search/?q=chuyen+doi+so").content.decode().lower()
