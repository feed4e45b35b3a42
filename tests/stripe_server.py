"""A Stripe-compatible server on loopback for tests: localstripe plus the Checkout Sessions it lacks.

localstripe (PyPI) speaks Stripe's HTTP API for PaymentIntents, Charges and Refunds but answers 404 to
Checkout Sessions. This module starts localstripe on a free loopback port and, in front of it, a small
HTTP server of ours that serves `POST /v1/checkout/sessions`, `GET /v1/checkout/sessions/{id}` and
`POST /v1/checkout/sessions/{id}/expire` in Stripe's JSON shape and proxies every other request to
localstripe. A completed session is backed by a real localstripe PaymentIntent, so refunds go through
localstripe too. Nothing is monkeypatched: the `stripe` SDK talks HTTP to this server.

Use it from any test package:

    from tests.stripe_server import stripe_server, stripe_settings  # noqa: F401  (fixtures)

    def test_paid(stripe_settings, client):
        session = stripe_settings.complete_session(session_id)          # the customer pays
        response = stripe_settings.deliver(client, stripe_settings.session_event(
            "checkout.session.completed", session_id))                  # Stripe tells us, signed
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import free_port

SECRET_KEY = "sk_test_localstripe"
WEBHOOK_SECRET = "whsec_test_local_0123456789abcdef"
WEBHOOK_PATH = "/payments/stripe/webhook/"


def parse_form(body: str) -> dict:
    """Stripe's form encoding (`a[b][0][c]=1`) back into nested dicts and lists."""
    root: dict = {}
    for key, value in urllib.parse.parse_qsl(body, keep_blank_values=True):
        parts = [key.split("[", 1)[0]] + [p.rstrip("]") for p in key.split("[")[1:]]
        node = root
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    return _lists(root)


def _lists(node):
    if isinstance(node, dict):
        if node and all(k.isdigit() for k in node):
            return [_lists(node[k]) for k in sorted(node, key=int)]
        return {k: _lists(v) for k, v in node.items()}
    return node


def _error(message, code="resource_missing", status=400, param=None):
    return status, {
        "error": {"type": "invalid_request_error", "message": message, "code": code, "param": param}
    }


class FakeStripe:
    """The running servers, the Checkout Sessions they hold, and helpers to act as customer and as Stripe."""

    def __init__(self):
        self.localstripe_port = free_port()
        self.port = None
        self.sessions: dict[str, dict] = {}
        self.lock = threading.Lock()
        self.secret_key = SECRET_KEY
        self.webhook_secret = WEBHOOK_SECRET
        self._process = None
        self._server = None

    # --- lifecycle -----------------------------------------------------------------------------
    @property
    def localstripe_base(self):
        return f"http://127.0.0.1:{self.localstripe_port}"

    @property
    def api_base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=20.0):
        executable = Path(sys.executable).with_name("localstripe")
        command = [str(executable)] if executable.exists() else [shutil.which("localstripe") or "localstripe"]
        self._process = subprocess.Popen(
            [*command, "--port", str(self.localstripe_port), "--from-scratch"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.localstripe_port), timeout=0.5):
                    break
            except OSError:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("localstripe did not start") from None
                time.sleep(0.1)
        fake = self

        class Handler(_Handler):
            stripe = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True, name="fake-stripe").start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=5)
            self._process = None

    # --- talking to localstripe --------------------------------------------------------------------
    def localstripe(self, method, path, params=None):
        data = urllib.parse.urlencode(params or {}, doseq=True).encode() if method == "POST" else None
        request = urllib.request.Request(
            self.localstripe_base + path,
            data=data,
            method=method,
            headers={"Authorization": f"Bearer {self.secret_key}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            return json.loads(error.read() or b"{}")

    # --- Checkout Sessions ---------------------------------------------------------------------------
    def create_session(self, params: dict):
        if params.get("mode") != "payment":
            return _error("Only mode=payment is supported here", code="parameter_invalid", param="mode")
        items = params.get("line_items") or []
        if not items:
            return _error("line_items is required", code="parameter_missing", param="line_items")
        now = int(time.time())
        expires_at = int(params.get("expires_at") or now + 24 * 3600)
        if not now + 30 * 60 - 5 <= expires_at <= now + 24 * 3600 + 5:
            return _error(
                "expires_at must be 30 minutes to 24 hours away", code="parameter_invalid", param="expires_at"
            )
        currency = None
        amount_total = 0
        line_items = []
        for item in items:
            price = item.get("price_data") or {}
            currency = (price.get("currency") or params.get("currency") or "").lower()
            quantity = int(item.get("quantity") or 1)
            unit_amount = int(price.get("unit_amount") or 0)
            amount_total += unit_amount * quantity
            line_items.append(
                {
                    "object": "item",
                    "description": (price.get("product_data") or {}).get("name"),
                    "quantity": quantity,
                    "amount_total": unit_amount * quantity,
                    "currency": currency,
                    "price": {"object": "price", "unit_amount": unit_amount, "currency": currency},
                }
            )
        session_id = "cs_test_" + secrets.token_hex(24)
        session = {
            "id": session_id,
            "object": "checkout.session",
            "amount_subtotal": amount_total,
            "amount_total": amount_total,
            "cancel_url": params.get("cancel_url"),
            "client_reference_id": params.get("client_reference_id"),
            "created": now,
            "currency": currency,
            "customer": None,
            "customer_details": None,
            "customer_email": params.get("customer_email"),
            "expires_at": expires_at,
            "livemode": False,
            "locale": params.get("locale"),
            "metadata": params.get("metadata") or {},
            "mode": "payment",
            "payment_intent": None,
            "payment_method_types": ["card"],
            "payment_status": "unpaid",
            "status": "open",
            "success_url": params.get("success_url"),
            "url": f"{self.api_base}/pay/{session_id}",
            "_line_items": line_items,
            "_payment_intent_metadata": (params.get("payment_intent_data") or {}).get("metadata") or {},
        }
        with self.lock:
            self.sessions[session_id] = session
        return 200, self.public(session)

    @staticmethod
    def public(session):
        return {k: v for k, v in session.items() if not k.startswith("_")}

    def get_session(self, session_id):
        with self.lock:
            session = self.sessions.get(session_id)
        if session is None:
            return _error(f"No such checkout.session: '{session_id}'", status=404, param="id")
        return 200, self.public(session)

    def expire_session(self, session_id):
        with self.lock:
            session = self.sessions.get(session_id)
            if session is None:
                return _error(f"No such checkout.session: '{session_id}'", status=404, param="id")
            if session["status"] != "open":
                return _error(
                    f'Only Checkout Sessions with a status in ["open"] can be expired. This session has '
                    f"status '{session['status']}'.",
                    code="parameter_invalid",
                )
            session["status"] = "expired"
            return 200, self.public(session)

    def complete_session(self, session_id, payment_method="pm_card_visa"):
        """Pay the session as a customer would: a real localstripe PaymentIntent, confirmed."""
        with self.lock:
            session = self.sessions[session_id]
            if session["status"] != "open":
                raise ValueError(f"session {session_id} is {session['status']}")
        intent = self.localstripe(
            "POST",
            "/v1/payment_intents",
            {
                "amount": session["amount_total"],
                "currency": session["currency"],
                "payment_method": payment_method,
                "confirm": "true",
                **{f"metadata[{k}]": v for k, v in session["_payment_intent_metadata"].items()},
            },
        )
        if "error" in intent:
            raise RuntimeError(intent["error"])
        with self.lock:
            session["payment_intent"] = intent["id"]
            session["status"] = "complete"
            session["payment_status"] = "paid" if intent["status"] == "succeeded" else "unpaid"
            session["customer_details"] = {"email": session["customer_email"]}
            return self.public(session)

    def set_session(self, session_id, **fields):
        with self.lock:
            self.sessions[session_id].update(fields)
            return self.public(self.sessions[session_id])

    # --- events and signatures -----------------------------------------------------------------------
    def event(self, event_type: str, obj: dict, event_id: str | None = None) -> dict:
        return {
            "id": event_id or "evt_" + secrets.token_hex(12),
            "object": "event",
            "api_version": "2025-01-27.acacia",
            "created": int(time.time()),
            "data": {"object": obj},
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": event_type,
        }

    def session_event(self, event_type: str, session_id: str, event_id: str | None = None) -> dict:
        with self.lock:
            obj = self.public(self.sessions[session_id])
        return self.event(event_type, obj, event_id)

    def charge_refunded_event(self, payment_intent: str, event_id: str | None = None) -> dict:
        intent = self.localstripe("GET", f"/v1/payment_intents/{payment_intent}")
        charge = intent["charges"]["data"][0]
        charge["refunded"] = charge["amount_refunded"] >= charge["amount"]
        return self.event("charge.refunded", charge, event_id)

    def sign(self, payload: bytes, secret: str | None = None, timestamp: int | None = None) -> str:
        """A `Stripe-Signature` header for `payload`: `t=<unix time>,v1=<HMAC-SHA256 of "t.payload">`."""
        timestamp = int(time.time()) if timestamp is None else timestamp
        signed = f"{timestamp}.".encode() + payload
        digest = hmac.new((secret or self.webhook_secret).encode(), signed, hashlib.sha256).hexdigest()
        return f"t={timestamp},v1={digest}"

    def deliver(self, client, event: dict, secret: str | None = None, signature: str | None = None):
        """POST the event, signed as Stripe signs it, to our webhook through a Django test client."""
        payload = json.dumps(event).encode()
        header = signature if signature is not None else self.sign(payload, secret)
        return client.post(
            WEBHOOK_PATH, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
        )

    def deliver_http(self, base_url: str, event: dict, secret: str | None = None) -> int:
        """The same over real HTTP (a live server); returns the status code."""
        payload = json.dumps(event).encode()
        request = urllib.request.Request(
            base_url.rstrip("/") + WEBHOOK_PATH,
            data=payload,
            method="POST",
            headers={"Content-Type": "application/json", "Stripe-Signature": self.sign(payload, secret)},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


class _Handler(BaseHTTPRequestHandler):
    stripe: FakeStripe
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status, body, content_type="application/json", headers=None):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", "req_" + secrets.token_hex(8))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _authorised(self):
        if self.headers.get("Authorization", "") != f"Bearer {self.stripe.secret_key}":
            self._send(
                401, {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided"}}
            )
            return False
        return True

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        if path.startswith("/pay/"):
            # The "hosted payment page": paying is one click away; then back to the shop.
            session_id = path.removeprefix("/pay/")
            session = self.stripe.sessions.get(session_id)
            if session is None or session["status"] != "open":
                return self._send(404, b"no open session", "text/plain")
            self.stripe.complete_session(session_id)
            target = session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)
            return self._send(303, b"", "text/plain", {"Location": target})
        if path.startswith("/v1/checkout/sessions/"):
            if not self._authorised():
                return None
            return self._send(*self.stripe.get_session(path.rsplit("/", 1)[1]))
        return self._proxy("GET")

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path
        if path == "/v1/checkout/sessions" or path.startswith("/v1/checkout/sessions/"):
            body = self._body()
            if not self._authorised():
                return None
            if path == "/v1/checkout/sessions":
                return self._send(*self.stripe.create_session(parse_form(body.decode())))
            parts = path.split("/")
            if len(parts) == 6 and parts[5] == "expire":
                return self._send(*self.stripe.expire_session(parts[4]))
            return self._send(*_error("Unrecognized request URL", status=404))
        return self._proxy("POST")

    def do_DELETE(self):
        return self._proxy("DELETE")

    def _proxy(self, method):
        body = self._body() if method == "POST" else None
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("authorization", "content-type")}
        request = urllib.request.Request(
            self.stripe.localstripe_base + self.path, data=body, method=method, headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, data = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, data = error.code, error.read()
        return self._send(status, data)


@pytest.fixture(scope="session")
def stripe_server():
    """localstripe + our Checkout Sessions on loopback, for the whole test session; stopped at the end."""
    fake = FakeStripe().start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def stripe_settings(settings, stripe_server):
    """Settings pointing the SDK at the loopback server, with keys and the webhook secret set."""
    settings.STRIPE_SECRET_KEY = stripe_server.secret_key
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    settings.STRIPE_WEBHOOK_SECRET = stripe_server.webhook_secret
    settings.STRIPE_API_BASE = stripe_server.api_base
    return stripe_server
