"""Language handling for the URL space: pages live under /vi/ and /en/, machines' URLs do not."""

from django.middleware.locale import LocaleMiddleware


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 outside the pages is not redirected to /vi/….

    Wagtail's catch-all under i18n_patterns makes every /vi/… path look valid, so Django would answer
    an API or admin 404 with a redirect to /vi/api/…; API clients need the JSON 404 itself.
    """

    UNPREFIXED = (
        "/api/",
        "/admin/",
        "/django-admin/",
        "/static/",
        "/media/",
        "/documents/",
        "/payments/",
        "/healthz/",
        "/bench/",
    )

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            return response
        return super().process_response(request, response)
