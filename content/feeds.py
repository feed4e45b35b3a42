"""RSS and Atom feeds of the news column, one per language (the URL's language prefix chooses it)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from content.models import ArticlePage, NewsIndexPage


class NewsFeed(Feed):
    title = _("Digital transformation column · Da Nang Digital Transformation Day")
    description = _(
        "News, success stories, guides and announcements about digital transformation in Đà Nẵng."
    )

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return NewsIndexPage.objects.live().filter(locale__language_code=get_language()).first()

    def link(self, index):
        return index.get_url(self.request) if index else "/"

    def items(self, index):
        if index is None:
            return ArticlePage.objects.none()
        return index.articles().select_related("locale").order_by("-date", "-pk")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(8)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [item.get_category_display()]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
