"""The `/api/v1/` router: each app adds its own endpoints in its `api.py`."""

from django.urls import include, path

urlpatterns = [
    path("", include("events.api_urls")),
    path("", include("registration.api_urls")),
    path("", include("checkin.api_urls")),
    path("", include("exhibitors.api_urls")),
]
