"""The language switch: the same page in the other language, wherever the visitor is."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: its code, name, URL of the current page in it, and whether it is active.

    A Wagtail page links to its translation (or, when it has none yet, to that language's home page);
    any other view links to the same URL under the other language prefix, query string included.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = {}
    if page is not None and hasattr(page, "get_translations"):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if code in translations:
            url = translations[code].get_url(request=request)
        elif page is not None and hasattr(page, "get_translations"):
            url = f"/{code}/"
        if url is None and request is not None:
            # Rebuilt from the parsed query so non-ASCII searches (?q=số) stay correctly encoded.
            query = request.GET.urlencode()
            url = translate_url(request.path, code) + (f"?{query}" if query else "")
        links.append({"code": code, "name": name, "url": url or f"/{code}/", "active": code == current})
    return links
