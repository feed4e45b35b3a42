"""The admin login: CSRF and a rate limit (public forms are checked in test_headers.py)."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

LIMITER = "core.middleware.AdminLoginRateLimitMiddleware"


def test_admin_login_refuses_a_post_without_csrf_token():
    assert Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "a"}).status_code == 403


@pytest.fixture
def limited_login(settings):
    if LIMITER not in settings.MIDDLEWARE:
        auth = settings.MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
        settings.MIDDLEWARE = [*settings.MIDDLEWARE[: auth + 1], LIMITER, *settings.MIDDLEWARE[auth + 1 :]]
    # A day's window: django-ratelimit's windows are fixed, and a slow run must not straddle one.
    settings.ADMIN_LOGIN_RATE = "5/d"
    settings.RATELIMIT_ENABLE = True
    get_user_model().objects.create_superuser("editor", "editor@example.org", "right-password-1")


def test_admin_login_is_rate_limited_per_ip(client, limited_login):
    answers = [
        client.post("/admin/login/", {"username": f"guess{i}", "password": "wrong"}).status_code
        for i in range(7)
    ]
    assert answers[:5] == [200] * 5  # the form again, with an error
    assert answers[5:] == [429, 429]
    # Even the right password waits: a guesser must not learn which attempt was right.
    assert (
        client.post("/admin/login/", {"username": "editor", "password": "right-password-1"}).status_code
        == 429
    )
    # Other pages are not affected, and the answer says what to do in words.
    assert client.get("/admin/login/").status_code == 200


def test_admin_login_is_rate_limited_per_username_across_ips(limited_login):
    answers = [
        Client(REMOTE_ADDR=f"10.0.0.{i}")
        .post("/admin/login/", {"username": "editor", "password": "x"})
        .status_code
        for i in range(7)
    ]
    assert answers[-1] == 429


def test_admin_login_still_works_below_the_limit(client, limited_login):
    response = client.post("/admin/login/", {"username": "editor", "password": "right-password-1"})
    assert response.status_code == 302


def test_admin_login_rate_limit_is_on_in_the_settings():
    assert LIMITER in settings.MIDDLEWARE
