"""Real servers for fault tests: gunicorn with production settings on the test database, and a TCP proxy
in front of PostgreSQL that the test can cut, like a database restarting for a moment."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import current_database_url, free_port, production_env

BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


class TcpProxy:
    """Forwards 127.0.0.1:port to a target; `down()` drops every connection and refuses new ones."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.connections = []
        self.lock = threading.Lock()
        self.listener = None
        self.up()

    def up(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.listener.settimeout(0.1)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def down(self):
        # shutdown() wakes a thread blocked in accept(); close() alone would leave the port listening.
        try:
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        with self.lock:
            for sock in self.connections:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.connections.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            client.settimeout(None)
            with self.lock:
                self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Production settings need the collected static files' manifest; collect once per session."""
    root = tmp_path_factory.mktemp("static")
    env = production_env(STATIC_ROOT=str(root), DATABASE_URL="sqlite:///:memory:")
    subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), "collectstatic", "--noinput"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return root


class Server:
    def __init__(self, proc, port, logfile):
        self.proc, self.port, self.logfile = proc, port, logfile
        self.url = f"http://127.0.0.1:{port}"

    @property
    def workers(self):
        try:
            text = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
        except FileNotFoundError:
            return []
        return [int(pid) for pid in text.split()]

    def log(self):
        return Path(self.logfile).read_text(errors="replace")

    def get(self, path, timeout=30, headers=None):
        """(status, headers, body text) without raising on 4xx/5xx."""
        return self.open(urllib.request.Request(self.url + path, headers=headers or {}), timeout)

    def post_json(self, path, data, timeout=30, headers=None):
        body = json.dumps(data).encode()
        headers = {"Content-Type": "application/json", **(headers or {})}
        return self.open(urllib.request.Request(self.url + path, data=body, headers=headers), timeout)

    @staticmethod
    def open(request, timeout):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)


@pytest.fixture
def gunicorn(static_root, tmp_path):
    """Start gunicorn with production settings: `gunicorn(workers=2, **env)`; stopped after the test."""
    servers = []

    def start(workers=2, **env):
        port = free_port()
        logfile = tmp_path / f"gunicorn-{port}.log"
        env = production_env(STATIC_ROOT=str(static_root), MEDIA_ROOT=str(tmp_path / "media"), **env)
        env.setdefault("DATABASE_URL", current_database_url())
        with open(logfile, "w") as log:
            proc = subprocess.Popen(
                [GUNICORN, "config.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "20"],
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = Server(proc, port, logfile)
        servers.append(server)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert proc.poll() is None, server.log()
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        while len(server.workers) < workers and time.monotonic() < deadline:
            time.sleep(0.1)
        return server

    yield start
    for server in servers:
        server.stop()
    for server in servers:
        assert server.proc.poll() is not None


@pytest.fixture(autouse=True)
def wagtail_root(db):
    """A transactional test's flush also removes Wagtail's root page (made by a migration): restore it."""
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code="vi")
    if Page.get_first_root_node() is None:
        Page.add_root(title="Root", slug="root", locale=Locale.objects.get(language_code="vi"))
