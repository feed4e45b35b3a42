"""The header menu from the navigation setting, in the visitor's language."""

from django import template
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from events.models import EventIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Menu entries `{title, url, active}`: each chosen page's translation in the current language."""
    request = context.get("request")
    settings = context.get("settings")
    if request is None or settings is None:
        return []
    try:
        navigation = settings["content"]["NavigationSettings"]
    except Exception:  # noqa: BLE001 (no site for this request: no menu rather than an error page)
        return []
    language = (get_language() or "vi").split("-")[0]
    items = [block.value for block in navigation.main_menu if block.value.get("page")]
    keys = [item["page"].translation_key for item in items]
    translated = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(translation_key__in=keys, locale__language_code=language)
        .select_related("locale")
    }
    current = context.get("page")
    current_path = request.path
    entries = []
    for item in items:
        page = translated.get(item["page"].translation_key)
        if page is None:
            continue
        url = page.get_url(request)
        label = item.get(f"label_{language}") or page.title
        exact = bool(current and current.pk == page.pk)
        # A section is active on its own pages too (an article under the news column).
        active = exact or (page.depth > 2 and bool(url) and current_path.startswith(url))
        entries.append({"title": label, "url": url, "active": active, "exact": exact})
    return entries + section_entries(language, current_path, {entry["url"] for entry in entries})


def section_entries(language, current_path, already_linked):
    """The programme and the catalogue are always one click away, whatever the editors' menu holds."""
    sections = []
    events_index = EventIndexPage.objects.live().filter(locale__language_code=language).first()
    if events_index is not None:
        sections.append((_("Events"), events_index.url))
    sections.append((_("Make in DaNang"), reverse("exhibitors:catalogue")))
    return [
        {"title": title, "url": url, "active": current_path.startswith(url), "exact": current_path == url}
        for title, url in sections
        if url and url not in already_linked
    ]
