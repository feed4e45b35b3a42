"""Test settings: the base settings with fast hashing, in-memory e-mail and no Redis unless asked."""

from .base import *  # noqa: F403
from .base import env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
MEDIA_ROOT = env.path("TEST_MEDIA_ROOT", default="/tmp/ddd-test-media")  # noqa: S108
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
