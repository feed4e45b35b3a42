"""Content views that are not Wagtail pages (search, feeds); mounted under /vi/ and /en/."""

from django.urls import path

from content import feeds, views

urlpatterns = [
    path("search/", views.search, name="search"),
    path("feeds/news/rss/", feeds.NewsFeed(), name="news_feed_rss"),
    path("feeds/news/atom/", feeds.NewsAtomFeed(), name="news_feed_atom"),
]

urlpatterns += [path("support/status/", views.support_status, name="support_status")]
