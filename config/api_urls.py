"""The `/api/v1/` router: each app adds its own endpoints in its `api.py`."""

from django.urls import include, path, register_converter

from core.converters import IdConverter

# `<id:pk>` in the apps' API routes: ids no database can hold are 404s, not 500s.
register_converter(IdConverter, "id")

urlpatterns = [
    path("", include("events.api_urls")),
    path("", include("registration.api_urls")),
    path("", include("checkin.api_urls")),
    path("", include("exhibitors.api_urls")),
    path("", include("participation.api_urls")),
    path("", include("consultations.api_urls")),
    path("", include("content.api_urls")),
    path("", include("reports.api_urls")),
]
