"""Turn a database outage into a 503 with a retry hint instead of a 500 with a stack trace."""

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 5


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        message = _("The service is busy for a moment. Please try again in a few seconds.")
        if request.path.startswith("/api/") or request.path.startswith("/payments/"):
            response = JsonResponse(
                {"status": "error", "reason": "unavailable", "detail": message}, status=503
            )
        else:
            response = HttpResponse(
                f"<!doctype html><html lang='vi'><meta charset='utf-8'><title>503</title><h1>503</h1><p>{message}</p></html>",
                status=503,
            )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
