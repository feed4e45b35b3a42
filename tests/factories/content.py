"""Factories for the content app's pages, settings and support requests."""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection, Locale, Page, Site

from content.models import (
    ArticlePage,
    HomePage,
    NavigationSettings,
    NewsIndexPage,
    SiteContactSettings,
    StandardPage,
    SupportPage,
    SupportRequest,
)


def ensure_root_page():
    """Wagtail's root page (and root collection), made again if needed: a transactional test's flush
    also removes the ones that Wagtail's migrations made."""
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=vi)


def make_home_pages():
    """Locales vi and en, the vi home page as the default site's root, and its en translation."""
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = ensure_root_page()
    vi = Locale.objects.get(language_code="vi")
    for placeholder in root.get_children().filter(content_type__model="page"):
        Site.objects.filter(root_page=placeholder).delete()
        placeholder.delete()
    home = root.add_child(
        instance=HomePage(title="Ngày Chuyển đổi số", slug="home", locale=vi, intro="Giới thiệu")
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    home_en = home.copy_for_translation(en)
    home_en.title = "Digital Transformation Day"
    home_en.intro = "Introduction"
    home_en.save_revision().publish()
    return home, home_en.specific


def translate(page, **fields):
    """The en translation of a vi page (its parent must be translated already), published."""
    en = Locale.objects.get(language_code="en")
    copy = page.copy_for_translation(en).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


class PageFactory(factory.Factory):
    """Builds a page and adds it under `parent` (a required keyword), live."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Trang {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title) or "trang")

    @classmethod
    def _create(cls, model_class, parent=None, **kwargs):
        assert parent is not None, "pass parent=<page>"
        tags = kwargs.pop("tags", None)
        page = model_class(locale=parent.locale, **kwargs)
        parent.add_child(instance=page)
        if tags:
            page.tags.add(*tags)
            page.save()
        return page


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Trang thông tin {n}")
    intro = "Giới thiệu ngắn."


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Chuyên mục chuyển đổi số"
    slug = "tin-tuc"


class ArticlePageFactory(PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Bài viết chuyển đổi số {n}")
    slug = factory.Sequence(lambda n: f"bai-viet-{n}")
    intro = "Tóm tắt bài viết."
    date = factory.Sequence(lambda n: timezone.localdate() - datetime.timedelta(days=n))
    category = ArticlePage.Category.NEWS


class SupportPageFactory(PageFactory):
    class Meta:
        model = SupportPage

    title = "Hỗ trợ"
    slug = "ho-tro"
    intro = "Liên hệ ban tổ chức."
    faq = factory.LazyFunction(
        lambda: [
            (
                "question",
                {"question": "Vé có mất phí không?", "answer": "<p>Phần lớn hoạt động miễn phí.</p>"},
            ),
        ]
    )


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest

    name = "Nguyễn Văn An"
    email = "an@example.com"
    topic = SupportRequest.Topic.REGISTRATION
    message = "Tôi muốn hỏi về vé tham dự."
    consent_at = factory.LazyFunction(timezone.now)
    consent_text = "Tôi đồng ý."


def contact_settings(site=None, **fields):
    site = site or Site.objects.get(is_default_site=True)
    contact = SiteContactSettings.for_site(site)
    defaults = {
        "hotline": "1022",
        "hotline_backup": "0236 383 1022",
        "email": "hotro@example.vn",
        "zalo_url": "https://zalo.me/example",
        "facebook_url": "https://facebook.com/example",
    }
    for name, value in {**defaults, **fields}.items():
        setattr(contact, name, value)
    contact.save()
    return contact


def navigation(pages, site=None):
    site = site or Site.objects.get(is_default_site=True)
    nav = NavigationSettings.for_site(site)
    nav.main_menu = [("item", {"page": page, "label_vi": "", "label_en": ""}) for page in pages]
    nav.save()
    return nav
