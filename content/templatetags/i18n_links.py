"""The language switch: the same page in the other language, wherever the visitor is."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: its code, name, URL of the current page in it, and whether it is active."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if page is not None and hasattr(page, "get_translations"):
            translated = (
                page.get_translations(inclusive=True).filter(locale__language_code=code).live().first()
            )
            if translated is not None:
                url = translated.get_url(request=request)
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "active": code == current})
    return links
