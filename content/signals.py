"""Keep the accent-folded search text of every page current."""

from django.db.models.signals import post_save
from wagtail.models import Page
from wagtail.signals import page_published

from content.search import index_page


def _reindex(page):
    # A full save() writes the live content (drafts only go to revisions), so the saved instance,
    # with its in-memory tags, is what visitors see. A plain Page instance is read back as its type.
    if type(page) is not page.specific_class:
        page = page.specific_deferred if page.pk else None
    if page is not None and page.depth > 1:
        index_page(page)


def page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    # save_revision() only touches bookkeeping columns; the published content did not change.
    if update_fields is not None and not {"title", "live", "slug"} & set(update_fields):
        return
    _reindex(instance)


def page_was_published(sender, instance, **kwargs):
    # Published after its tags and other child rows were saved: index again with them.
    _reindex(instance)


def connect():
    post_save.connect(page_saved, dispatch_uid="content.search_text.post_save")
    page_published.connect(page_was_published, dispatch_uid="content.search_text.published")
