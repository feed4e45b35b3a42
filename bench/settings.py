"""The bench's settings: production's, plus the bench app (baseline pages, render-time commands) and
its Server-Timing header (bench/middleware.py), outermost so that it counts every other middleware."""

from config.settings.production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
MIDDLEWARE = ["bench.middleware.server_timing", *MIDDLEWARE]  # noqa: F405
ROOT_URLCONF = "bench.urls"
