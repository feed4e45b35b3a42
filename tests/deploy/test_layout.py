"""deploy/ stays true to the code: the environment file lists every setting production reads and loads in
production's settings, the templates render, and the production nginx site (with TLS) passes `nginx -t`."""

import re
import shutil
import subprocess
import sys

import pytest

from deploy import loopback
from deploy.loopback import nginx_binary, render_site
from deploy.render import placeholders, render
from tests.conftest import production_env

from .conftest import BASE_DIR, DEPLOY_DIR, env_file, unit_command

NO_NGINX = "nginx is not installed here (apt-get install nginx; CI's .ci/run installs it)"
# Read by base.py only to build the development SITE_URL; production sets SITE_URL.
DEVELOPMENT_ONLY = {"PORT"}


def settings_variables():
    names = set()
    for module in ("base.py", "production.py"):
        text = (BASE_DIR / "config" / "settings" / module).read_text()
        names |= set(re.findall(r"""\benv(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']""", text))
    return names - DEVELOPMENT_ONLY


def test_the_environment_file_lists_every_setting_production_reads():
    _, documented = env_file()
    assert len(settings_variables()) > 40  # the pattern finds what the settings read
    assert sorted(settings_variables() - set(documented)) == []
    # Besides: which settings module to load, and gunicorn's own sizes (deploy/gunicorn.conf.py).
    others = {"DJANGO_SETTINGS_MODULE", "GUNICORN_WORKERS", "GUNICORN_THREADS"}
    assert sorted(set(documented) - settings_variables() - others) == []


def test_the_environment_file_loads_in_production_settings():
    values, _ = env_file()
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], s.CELERY_TASK_ALWAYS_EAGER, "
        "s.DEBUG, s.SECURE_SSL_REDIRECT, s.RATELIMIT_IP_META_KEY, s.DEFAULT_FROM_EMAIL.split('<')[1])"
    )
    env = {**production_env(), **values}
    del env["DJANGO_SECURE_SSL_REDIRECT"]  # the tests' helper turns it off; the file keeps the default
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "django_redis.cache.RedisCache",
        "False",
        "False",
        "True",
        "HTTP_X_REAL_IP",
        "no-reply@danang.gov.vn>",
    ]


def test_every_unit_runs_a_program_of_the_checkout():
    for unit, instance in (
        ("ddd-gunicorn@.service", "8001"),
        ("ddd-celery-worker.service", ""),
        ("ddd-celery-beat.service", ""),
    ):
        text = (DEPLOY_DIR / "systemd" / unit).read_text()
        assert "EnvironmentFile=/etc/ddd/env" in text and "WorkingDirectory=/srv/ddd" in text, unit
        argv = unit_command(unit, instance=instance, state_dir="/var/lib")
        assert (BASE_DIR / argv[0]).is_file(), argv
        assert "%" not in " ".join(argv), argv
    gunicorn = unit_command("ddd-gunicorn@.service", instance="8001")
    assert gunicorn[gunicorn.index("--bind") + 1] == "127.0.0.1:8001"
    assert (BASE_DIR / gunicorn[gunicorn.index("--config") + 1]).is_file()


def test_render_fills_placeholders_and_leaves_nginx_variables():
    text = "listen ${LISTEN}; proxy_set_header Host $host; # ${LISTEN}"
    assert placeholders(text) == ["LISTEN"]
    assert render(text, {"LISTEN": "443 ssl"}) == "listen 443 ssl; proxy_set_header Host $host; # 443 ssl"
    with pytest.raises(KeyError, match="SERVER_NAME"):
        render_site(LISTEN="443 ssl", APP_SERVERS="server 127.0.0.1:8001;", STATIC_ROOT="/s", MEDIA_ROOT="/m")
    # The command line an operator uses says what is missing and writes nothing.
    result = subprocess.run(
        [sys.executable, str(DEPLOY_DIR / "render.py"), str(DEPLOY_DIR / "nginx" / "tls.conf.template")],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert "SERVER_NAME, TLS_CERTIFICATE, TLS_CERTIFICATE_KEY" in result.stderr


@pytest.mark.skipif(nginx_binary() is None, reason=NO_NGINX)
def test_the_production_site_with_tls_passes_nginx_t(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: no certificate to test the TLS configuration with")
    key, certificate = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=example.org"]
        + ["-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )
    site = render_site(
        LISTEN="443 ssl http2",
        SERVER_NAME="example.org www.example.org",
        APP_SERVERS="server 127.0.0.1:8001; server 127.0.0.1:8002;",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    tls = render(
        (DEPLOY_DIR / "nginx" / "tls.conf.template").read_text(),
        {"SERVER_NAME": "example.org", "TLS_CERTIFICATE": certificate, "TLS_CERTIFICATE_KEY": key},
    )
    conf = loopback.main_conf(nginx_binary(), tmp_path, tls + "\n" + site)
    result = subprocess.run(
        [nginx_binary(), "-t", "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr.replace('the "user" directive', ""), result.stderr
