"""The site's URLs plus the two baselines; served only under bench/settings.py."""

from django.urls import path

from bench import views
from config.urls import handler404, handler500  # noqa: F401 - Django reads them from the root URLconf
from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("bench/baseline.json", views.baseline_json, name="baseline_json"),
    path("bench/baseline/", views.baseline_page, name="baseline_page"),
    *site_urlpatterns,
]
