"""The bench's settings: production's, plus the bench app (baseline pages, render-time commands)."""

from config.settings.production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
ROOT_URLCONF = "bench.urls"
