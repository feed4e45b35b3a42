"""Project-wide views: rate-limit answer, health check, error pages."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.responses import json_error, wants_json


def ratelimited(request, exception=None):
    """The one 429 answer: RATELIMIT_VIEW for decorated views, returned by hand after `over_limit`."""
    message = _("Too many requests. Please wait a minute and try again.")
    if wants_json(request):
        return json_error("rate_limited", message, status=429)
    return render(request, "429.html", {"message": message}, status=429)


def healthz(request):
    """For the load balancer: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def page_not_found(request, exception=None):
    """404: JSON in the error shape for API and payment clients, the site's page for people."""
    if request.path.startswith(("/api/", "/payments/")):
        return json_error("not_found", _("Not found."), status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
