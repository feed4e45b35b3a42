"""The language switch: the same page in the other language, wherever the visitor is."""

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: its code, name, URL of the current page in it, and whether it is active.

    The query string always follows. A Wagtail page links to its translation (or, when it has none
    yet, to that language's home page), and so do the views a page routes itself (an event's agenda
    and sessions: the rest of the path follows the translation's URL). A view shown for a page but
    outside it (the registration of an event) is reversed in the other language with the page's id
    swapped for its translation's. Any other view: the same URL under the other language prefix.
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
    query = request.GET.urlencode() if request is not None else ""
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if request is not None:
            url = _same_page(request, page, translations, code)
        elif code in translations:
            url = translations[code].get_url()
        if url is None and translations:
            url = f"/{code}/"
        elif url is not None and query:
            # Rebuilt from the parsed query so non-ASCII searches (?q=số) stay correctly encoded.
            url += f"?{query}"
        links.append({"code": code, "name": name, "url": url or f"/{code}/", "active": code == current})
    return links


def _same_page(request, page, translations, code):
    """The path of the page shown by `request` in language `code`, or None when it has no translation."""
    if not translations:
        return translate_url(request.path, code)
    own = translations.get(translation.get_language())
    own_url = own.get_url(request=request) if own is not None else None
    target = translations.get(code)
    if own_url and (
        request.path == own_url or isinstance(page, RoutablePageMixin) and request.path.startswith(own_url)
    ):
        if target is None:
            return None
        return target.get_url(request=request) + request.path[len(own_url) :]
    try:
        match = resolve(request.path)
    except Resolver404:
        return None
    # A Wagtail page itself, or shown outside the language prefixes (the admin's preview).
    in_language = translation.get_language_from_path(request.path) is not None
    if not in_language or not match.url_name or match.url_name == "wagtail_serve":
        return target.get_url(request=request) if target is not None else None
    swapped = {key: _swap(value, page, target) for key, value in match.kwargs.items()}
    if None in swapped.values():
        return None
    with translation.override(code):
        return reverse(match.view_name, args=match.args, kwargs=swapped)


def _swap(value, page, target):
    """A URL argument naming the page becomes its translation's id (None when it has none)."""
    if str(value) != str(page.pk):
        return value
    return target.pk if target is not None else None
