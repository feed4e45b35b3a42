"""The scanner for check-in staff, under /vi/ and /en/ (mounted by config/urls.py)."""

from django.contrib.auth.views import LogoutView
from django.urls import path

from checkin import badge_views, views

app_name = "checkin"

urlpatterns = [
    path("checkin/", views.scanner, name="scanner"),
    path("checkin/login/", views.LoginView.as_view(), name="login"),
    path(
        "checkin/logout/",
        LogoutView.as_view(next_page="checkin:login"),
        name="logout",
    ),
    path("checkin/scan/redeem/", views.scan_redeem, name="scan_redeem"),
    path("checkin/scan/search/", views.scan_search, name="scan_search"),
    path("checkin/scan/annul/", views.scan_annul, name="scan_annul"),
    path("checkin/badge/<int:ticket_id>/", badge_views.badge, name="badge"),
    path("checkin/scan/device/", views.scan_device, name="scan_device"),
    path("checkin/sw.js", views.service_worker, name="service_worker"),
    path("checkin/manifest.webmanifest", views.web_manifest, name="web_manifest"),
]
