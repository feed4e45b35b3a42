"""Demo content: the bilingual home page tree (extended by the content issue)."""

from wagtail.models import Locale, Page, Site

from content.models import HomePage


def ensure_locales():
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return vi, en


def ensure_home(log=print):
    """The vi home page as the site root, with its en translation beside it."""
    vi, en = ensure_locales()
    root = Page.get_first_root_node()
    # Wagtail's initial migration makes a placeholder "Welcome" page: replace it with ours.
    home = HomePage.objects.filter(locale=vi).first()
    if home is None:
        for placeholder in root.get_children().filter(content_type__model="page", slug="home"):
            Site.objects.filter(root_page=placeholder).delete()
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title="Ngày Chuyển đổi số Đà Nẵng",
                slug="home",
                locale=vi,
                intro="Sự kiện thường niên của thành phố về chuyển đổi số cho người dân, doanh nghiệp và chính quyền.",
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
    site.site_name = "Ngày Chuyển đổi số Đà Nẵng"
    site.save()
    home_en = home.get_translations().filter(locale=en).first()
    if home_en is None:
        home_en = home.copy_for_translation(en, copy_parents=True)
        home_en.title = "Đà Nẵng Digital Transformation Day"
        home_en.intro = (
            "The city's yearly event on digital transformation for citizens, businesses and government."
        )
        home_en.save_revision().publish()
    return home.specific, home_en.specific


def load(scale, rng, log):
    ensure_home(log)
