"""The production layout of deploy/ started on loopback: Debian's nginx rendered from the site template in
front of two gunicorn servers, a Celery worker and beat, each started with its systemd unit's command and
the example environment file, on PostgreSQL and Redis. Everything is checked through the proxy, as a
browser behind the TLS terminator (X-Forwarded-Proto: https) or a scanning device would, and everything is
stopped at the end.
"""

import gzip
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from deploy import loopback
from deploy.loopback import nginx_binary
from tests.conftest import current_database_url, free_port, production_env
from tests.resilience.conftest import static_root, wagtail_root  # noqa: F401  (fixtures)
from tests.stripe_server import stripe_server, stripe_settings  # noqa: F401  (fixtures)

from .conftest import BASE_DIR, env_file, unit_command

pytestmark = [
    pytest.mark.long,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        nginx_binary() is None,
        reason="nginx is not installed here (apt-get install nginx; CI's .ci/run installs it)",
    ),
]

ORGANISERS = "bantochuc@example.vn"


class Process:
    """A process of the layout, in its own process group, its output in a log file."""

    def __init__(self, name, argv, env, logfile):
        self.name, self.logfile = name, logfile
        with open(logfile, "w") as log:
            self.proc = subprocess.Popen(
                argv, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def log(self):
        return Path(self.logfile).read_text(errors="replace")

    def alive(self):
        return self.proc.poll() is None

    def stop(self, sig=signal.SIGTERM):
        if self.alive():
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


# Generous: on a busy 2-core CI machine starting the servers alone takes tens of seconds.
def wait_for(what, check, process=None, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and not process.alive():
            pytest.fail(f"{process.name} exited:\n{process.log()[-3000:]}")
        result = check()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"{what} within {timeout} s" + (f":\n{process.log()[-3000:]}" if process else ""))


def listening(port):
    def check():
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz/", headers={"X-Forwarded-Proto": "https"})
            return connection.getresponse().status == 200
        except OSError:
            return False

    return check


class Client:
    """Requests to nginx as the TLS terminator forwards them (X-Forwarded-Proto: https, unless told
    otherwise); keeps cookies and sends a browser's Origin for forms. Never follows redirects."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, body=None, headers=None, https=True, source="127.0.0.1"):
        headers = {"Host": "127.0.0.1", **(headers or {})}
        if https:
            headers.setdefault("X-Forwarded-Proto", "https")
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body)
            headers.update(
                {"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://127.0.0.1"}
            )
        # Another loopback address as the source: another client as nginx sees it ($remote_addr).
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(source, 0)
        )
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        data = response.read()
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post_json(self, path, data, headers=None, **kwargs):
        headers = {"Content-Type": "application/json", **(headers or {})}
        return self.request("POST", path, body=json.dumps(data).encode(), headers=headers, **kwargs)


@pytest.fixture
def layout(static_root, stripe_server, tmp_path):  # noqa: F811
    """Start the layout: `layout.client`, `layout.env`, the processes; stopped (and checked) at the end."""
    if not settings.REDIS_URL:
        pytest.skip("the layout needs Redis for its cache and Celery broker (set REDIS_URL=redis://…)")
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "documents").mkdir()
    (media / "badges").mkdir()
    values, _ = env_file()
    del values["DJANGO_SECRET_KEY"]  # a random one from production_env(), not the example's
    env = production_env(**values)
    env.update(
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="https://127.0.0.1",
        DATABASE_URL=current_database_url(),
        REDIS_URL=settings.REDIS_URL,
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(media),
        EMAIL_URL="consolemail://",
        ORGANISER_EMAILS=ORGANISERS,
        STRIPE_SECRET_KEY=stripe_server.secret_key,
        STRIPE_PUBLISHABLE_KEY="pk_test_localstripe",
        STRIPE_WEBHOOK_SECRET=stripe_server.webhook_secret,
        STRIPE_API_BASE=stripe_server.api_base,
        BANK_WEBHOOK_SECRET="smoke-test-bank-secret",
        SUPPORT_REQUEST_RATE="1/10m",
        GUNICORN_WORKERS="1",
        LOG_LEVEL="INFO",
    )
    # The redirect to https stays on (the example file's default): only X-Forwarded-Proto gets past it.
    env.pop("DJANGO_SECURE_SSL_REDIRECT")
    processes = []
    app_ports = [free_port(), free_port()]
    for port in app_ports:
        argv = unit_command("ddd-gunicorn@.service", instance=str(port))
        processes.append(Process(f"gunicorn :{port}", argv, env, tmp_path / f"gunicorn-{port}.log"))
    processes.append(
        Process("celery worker", unit_command("ddd-celery-worker.service"), env, tmp_path / "worker.log")
    )
    (tmp_path / "state" / "ddd").mkdir(parents=True)
    beat_env = {**env, "DJANGO_SETTINGS_MODULE": "tests.deploy.beat_settings"}
    beat_argv = unit_command("ddd-celery-beat.service", state_dir=str(tmp_path / "state"))
    processes.append(Process("celery beat", beat_argv, beat_env, tmp_path / "beat.log"))

    proxy_port = free_port()
    nginx_dir = tmp_path / "nginx"
    nginx_dir.mkdir()
    site = loopback.render_site(**loopback.site_values(proxy_port, app_ports, static_root, media))
    conf = loopback.main_conf(nginx_binary(), nginx_dir, site)
    nginx = Process("nginx", loopback.command(nginx_binary(), conf), env, nginx_dir / "stdout.log")
    processes.append(nginx)

    class Layout:
        pass

    layout = Layout()
    layout.env, layout.media, layout.client = env, media, Client(proxy_port)
    layout.gunicorns, layout.worker, layout.beat, layout.nginx = (
        processes[:2],
        processes[2],
        processes[3],
        nginx,
    )
    try:
        for process, port in zip(processes[:2], app_ports, strict=True):
            wait_for(f"{process.name} answers", listening(port), process)
        wait_for("nginx answers", listening(proxy_port), nginx)
        wait_for("the worker is ready", lambda: " ready." in layout.worker.log(), layout.worker)
        yield layout
    finally:
        for process in reversed(processes):
            process.stop()
    assert [p.name for p in processes if p.alive()] == []
    for process in processes:
        assert "Traceback" not in process.log(), f"{process.name}:\n{process.log()[-3000:]}"


def test_the_production_layout_on_loopback(layout, site_pages, stripe_settings):  # noqa: F811
    from checkin.models import CheckIn
    from content.models import SupportRequest
    from registration import services
    from registration.models import OrderStatus
    from tests.factories.checkin import CheckInListFactory
    from tests.factories.content import SupportPageFactory
    from tests.factories.registration import OrderFactory, TicketFactory, TicketTypeFactory

    client = layout.client
    SupportPageFactory(parent=site_pages[0])
    free = TicketTypeFactory(price=0)
    paid = TicketTypeFactory(event=free.event, price=500_000, capacity=5)
    checkin_list = CheckInListFactory(event=free.event, name="Cổng chính")
    ticket = TicketFactory(ticket_type=free, attendee_name="Nguyễn Thị Lan")
    TicketFactory.create_batch(20, ticket_type=free)  # a bundle big enough to be worth compressing
    overdue = OrderFactory(
        event=free.event,
        status=OrderStatus.PENDING_PAYMENT,
        expires_at=timezone.now() - timezone.timedelta(minutes=1),
    )

    # Pages through the proxy. The TLS terminator's X-Forwarded-Proto reaches Django (HSTS is only sent
    # on https); without it, production redirects to https.
    status, headers, body = client.get("/vi/")
    assert status == 200, body[:500]
    assert "strict-transport-security" in headers and "Ngày Chuyển đổi số" in body.decode()
    status, headers, _ = client.get("/vi/", https=False)
    assert (status, headers["location"]) == (301, "https://127.0.0.1/vi/")

    # Static files come from nginx (gunicorn never sees them), hashed ones cached for a year and sent
    # gzipped from WhiteNoise's precompressed copies.
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', body.decode()).group(1)
    status, headers, css = client.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert "immutable" in headers["cache-control"] and b"{" in gzip.decompress(css)
    assert client.get("/static/no-such-file.css")[0] == 404

    # Media: uploaded images from disk; documents only through the application's privacy checks, badge
    # PDFs (every ticket's QR code) only through the admin's download.
    (layout.media / "original_images" / "poster.png").write_bytes(b"\x89PNG\r\n\x1a\nsmoke")
    (layout.media / "documents" / "private.pdf").write_bytes(b"%PDF-1.4 private")
    (layout.media / "badges" / "badges-1-x.pdf").write_bytes(b"%PDF-1.4 badges")
    status, headers, image = client.get("/media/original_images/poster.png")
    assert (status, image, headers["x-content-type-options"]) == (200, b"\x89PNG\r\n\x1a\nsmoke", "nosniff")
    assert client.get("/media/documents/private.pdf")[0] == 404
    assert client.get("/media/badges/badges-1-x.pdf")[0] == 404

    # The scanner page (its login for a visitor) and the device API with a device made by the command.
    status, headers, _ = client.get("/vi/checkin/")
    assert status == 302 and headers["location"].startswith("/vi/checkin/login/")
    assert client.get(headers["location"])[0] == 200
    made = subprocess.run(
        [sys.executable, "manage.py", "create_checkin_device", "Cổng A làn 1"],
        cwd=BASE_DIR,
        env=layout.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    device = {"Authorization": f"Token {made.stdout.split()[-1]}"}
    scan = {"secret": ticket.secret, "list": checkin_list.pk}
    status, _, answer = client.post_json("/api/v1/checkin/redeem/", scan, headers=device)
    assert status == 201 and json.loads(answer)["status"] == "ok", answer
    status, _, answer = client.post_json("/api/v1/checkin/redeem/", scan, headers=device)
    assert status == 400 and json.loads(answer)["reason"] == "already_redeemed", answer
    assert CheckIn.objects.filter(ticket=ticket).count() == 2
    # The offline bundle, gzipped by nginx (the application sends plain JSON).
    status, headers, bundle = client.get(
        f"/api/v1/checkin/lists/{checkin_list.pk}/offline/", headers={**device, "Accept-Encoding": "gzip"}
    )
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert len(json.loads(gzip.decompress(bundle))["tickets"]) == 21

    # A Stripe webhook: signed as Stripe signs it, received over https by the TLS terminator.
    order = services.place_order(
        event=paid.event,
        email="an@example.com",
        attendees=[services.AttendeeData(ticket_type=paid, name="Nguyễn Văn An", email="an@example.com")],
        consent=True,
    )
    services.start_payment(order, success_url="https://127.0.0.1/ok", cancel_url="https://127.0.0.1/no")
    order.refresh_from_db()
    stripe_settings.complete_session(order.stripe_session_id)
    payload = json.dumps(stripe_settings.session_event("checkout.session.completed", order.stripe_session_id))
    signed = {"Stripe-Signature": stripe_settings.sign(payload.encode()), "Content-Type": "application/json"}
    status, _, _ = client.request("POST", "/payments/stripe/webhook/", payload, signed, https=False)
    assert status == 301  # never handled over plain http
    status, _, answer = client.request("POST", "/payments/stripe/webhook/", payload, signed)
    assert status == 200 and json.loads(answer)["outcome"] == "confirmed", answer
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED

    # A form protected by CSRF, posted through the proxy: refused without the token, accepted with it.
    form = {
        "name": "Trần Thị Bình",
        "contact": "0905 123 456",
        "topic": "registration",
        "message": "Tôi chưa nhận được vé điện tử.",
        "consent": "on",
        "website": "",
    }
    assert client.request("POST", "/vi/ho-tro/", body=form)[0] == 403
    status, _, page = client.get("/vi/ho-tro/")
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.decode()).group(1)
    form["csrfmiddlewaretoken"] = token
    status, headers, _ = client.request("POST", "/vi/ho-tro/", body=form, source="127.0.0.2")
    # The request's reference (HT- and six characters) is shown on the page it returns to.
    assert status == 302 and re.fullmatch(r"/vi/ho-tro/\?sent=HT-\w{6}#support-form", headers["location"])
    # The per-IP limit (one request here) counts each client's own address, which nginx passes in
    # X-Real-IP, not the proxy's: a second client is still served.
    assert client.request("POST", "/vi/ho-tro/", body=form, source="127.0.0.2")[0] == 429
    assert client.request("POST", "/vi/ho-tro/", body=form, source="127.0.0.3")[0] == 302
    assert SupportRequest.objects.filter(name="Trần Thị Bình").count() == 2

    # The worker sent the e-mails queued by the webhook (the order's confirmation) and the form.
    wait_for(
        "the worker sends both e-mails",
        lambda: ORGANISERS in layout.worker.log() and "an@example.com" in layout.worker.log(),
        layout.worker,
    )
    # Beat sends the unpaid-order expiry (every 2 s here) and the worker runs it.
    overdue.refresh_from_db()
    wait_for(
        "beat's expiry task expires the overdue order",
        lambda: overdue.__class__.objects.get(pk=overdue.pk).status == OrderStatus.EXPIRED,
        layout.beat,
        timeout=90,
    )
    assert "registration.tasks.expire_orders" in layout.beat.log()

    # Keep-alive: nginx sent several requests over one connection to a gunicorn server (the access log
    # gives each request's upstream connection as address:port).
    connections = {}
    for server in layout.gunicorns:
        for line in server.log().splitlines():
            match = re.match(r'^127\.0\.0\.1:(\d+) "(\S+) (\S+)', line)
            if match:
                key = (server.name, match.group(1))
                connections[key] = connections.get(key, 0) + 1
                assert not match.group(3).startswith("/static/"), line
    assert connections and max(connections.values()) >= 2, connections
    assert all(server.log().count('"GET /healthz/') >= 1 for server in layout.gunicorns)
