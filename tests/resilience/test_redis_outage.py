"""Redis unavailable (cache and session cache): pages render from the database, logins still work."""

import http.client
import re
import subprocess
import sys
import urllib.parse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from tests.conftest import current_database_url, free_port, production_env


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
    for path in ("/vi/", "/en/", "/vi/search/?q=hoi+thao", "/healthz/"):
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


def test_registration_still_confirms_when_the_task_broker_is_down(site_pages, tmp_path):
    """Redis is also Celery's broker: queueing the confirmation e-mail must not fail or hang the order."""
    from tests.factories.registration import TicketTypeFactory

    free = TicketTypeFactory(price=0)
    closed = free_port()
    code = f"""
import time, django
django.setup()
from registration import services
from registration.models import TicketType
ticket_type = TicketType.objects.get(pk={free.pk})
attendee = services.AttendeeData(ticket_type=ticket_type, name="Lê Văn Hùng", email="hung@example.org")
started = time.monotonic()
try:
    order = services.place_order(event=ticket_type.event, email="hung@example.org", attendees=[attendee], consent=True)
    order = services.confirm_email(order)
    print("OK", order.status, round(time.monotonic() - started, 1))
except Exception as error:
    print("ERROR", type(error).__name__, str(error)[:200], round(time.monotonic() - started, 1))
"""
    env = production_env(
        DATABASE_URL=current_database_url(),
        REDIS_URL=f"redis://127.0.0.1:{closed}/0",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    words = (out.stdout.strip().splitlines() or [out.stderr[-500:]])[-1].split()
    assert words[:2] == ["OK", "confirmed"], out.stdout + out.stderr[-2000:]
    assert float(words[2]) < 10, "queueing an e-mail with the broker down must not hang the registration"
