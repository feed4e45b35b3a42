from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api_urls import urlpatterns as api_v1
from core import views
from core.privacy_notice import privacy_notice

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz/", views.healthz, name="healthz"),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api_docs"),
    path("", include("registration.urls_payments")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything a visitor reads lives under /vi/ or /en/; `/` redirects by the browser's language.
urlpatterns += i18n_patterns(
    path("privacy/", privacy_notice, name="privacy_notice"),
    path("", include("content.urls")),
    path("", include("events.urls")),
    path("", include("registration.urls")),
    path("", include("checkin.urls")),
    path("", include("exhibitors.urls")),
    path("", include("participation.urls")),
    path("", include("certificates.urls")),
    path("", include("peoples_choice.urls")),
    path("", include("consultations.urls")),
    path("", include("messaging.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
