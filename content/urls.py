"""Content views that are not Wagtail pages (search, feeds)."""

urlpatterns: list = []
