"""Project-wide middleware: a database outage answers 503 instead of 500; admin logins are rate-limited."""

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.utils.translation import gettext as _

from core.ratelimit import over_limit
from core.responses import json_error
from core.views import ratelimited

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
            response = json_error("unavailable", message, status=503)
        else:
            response = HttpResponse(
                f"<!doctype html><html lang='vi'><meta charset='utf-8'><title>503</title><h1>503</h1><p>{message}</p></html>",
                status=503,
            )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class AdminLoginRateLimitMiddleware:
    """Slow down password guessing on Wagtail's admin login: per client IP and per submitted username.

    Wagtail's login view is a class-based view inside its own URLconf, so a decorator cannot reach it;
    this middleware counts the POSTs to it instead (`ADMIN_LOGIN_RATE`); behind a proxy set
    `RATELIMIT_IP_META_KEY`.
    """

    LOGIN_PATH = "/admin/login/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and request.path == self.LOGIN_PATH
            and over_limit(request, "admin-login", "ADMIN_LOGIN_RATE", keys=("ip", "post:username"))
        ):
            return ratelimited(request)
        return self.get_response(request)
