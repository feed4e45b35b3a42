"""This app's endpoints under /api/v1/: the API's index and the site search."""

from django.urls import path

from content import api

urlpatterns = [
    path("", api.ApiIndexView.as_view(), name="index"),
    path("search/", api.SearchView.as_view(), name="search"),
]
