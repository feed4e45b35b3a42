"""Redis unavailable (cache and session cache): pages render from the database, logins still work."""

import http.client
import re
import urllib.parse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from tests.resilience.conftest import free_port


class Browser:
    """Just enough of a browser behind an HTTPS proxy: keeps cookies, sends CSRF's Referer."""

    def __init__(self, server):
        self.server, self.cookies = server, {}

    def open(self, path, form=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        origin = f"https://127.0.0.1:{self.server.port}"
        headers = {
            "X-Forwarded-Proto": "https",
            "Referer": origin + path,
            "Host": f"127.0.0.1:{self.server.port}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request("POST" if form is not None else "GET", path, body=body, headers=headers)
        response = conn.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        text = response.read().decode()
        conn.close()
        return response.status, text, response.getheader("Location")


pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_site_works_without_redis(site_pages, gunicorn):
    closed = free_port()  # nothing listens there: every cache call fails at once
    server = gunicorn(workers=1, REDIS_URL=f"redis://127.0.0.1:{closed}/0", CELERY_TASK_ALWAYS_EAGER="true")
    for path in ("/vi/", "/en/", "/bench/baseline/", "/healthz/"):
        status, _, body = server.get(path)
        assert status == 200, (path, status, body[:300])

    # Sessions are cached_db: with the cache down they are read from and written to the database.
    # Hashed with a hasher production knows (the tests' settings use a fast MD5 one).
    get_user_model().objects.create_superuser(
        "editor", "editor@example.org", password=None
    ).__class__.objects.filter(username="editor").update(
        password=PBKDF2PasswordHasher().encode("right-password-1", "fixedsalt1234567")
    )
    # Production cookies are Secure: talk as the HTTPS proxy would (X-Forwarded-Proto), cookies by hand.
    browser = Browser(server)
    login_page = browser.open("/admin/login/")[1]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    form = {"csrfmiddlewaretoken": token, "username": "editor", "password": "right-password-1"}
    status, _, location = browser.open("/admin/login/", form)
    assert (status, location) == (302, "/admin/")
    status, body, _ = browser.open("/admin/")
    assert status == 200 and "editor" in body
    assert " 500 " not in server.log() and "Traceback" not in server.log()
