"""Factories for the content app's pages."""

from wagtail.models import Locale, Page, Site

from content.models import HomePage


def make_home_pages():
    """Locales vi and en, the vi home page as the default site's root, and its en translation."""
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
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
