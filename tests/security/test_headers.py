"""Security headers on every public page, scripts only with a nonce, production settings hardened."""

import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import resolve
from django.utils import translation

from tests.conftest import BASE_DIR, production_env
from tests.html import parse

pytestmark = pytest.mark.django_db


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


# Forms that post without a token on purpose, each with its reason at the view: an anonymous article
# rating keeps article pages in the shared page cache, and a forged post gains nothing a visitor
# cannot do themselves under the same rate limit. Any other exempt view fails the crawl below.
ANONYMOUS_CSRF_EXEMPT = {"participation.views.rate_article"}


def anonymous_csrf_exempt(action):
    if action.startswith(("http://", "https://")):
        return False
    path = urlsplit(action).path
    # i18n_patterns resolve only the active language's prefix.
    with translation.override(translation.get_language_from_path(path)):
        view = resolve(path).func
    if not getattr(view, "csrf_exempt", False):
        return False
    assert f"{view.__module__}.{view.__name__}" in ANONYMOUS_CSRF_EXEMPT, f"{action} posts without CSRF"
    return True


def test_every_public_page_is_hardened(public_pages):
    """One crawl of the demo site (every app's demo pages), every page checked for:

    security headers; a CSP without unsafe-inline/unsafe-eval scripts (an inline script without the
    nonce would be blocked, so it is a silent bug); CSRF tokens in every POST form, and each of those
    forms refusing a POST without the token.
    """
    html_pages = {
        p: r for p, r in public_pages.items() if r.status_code == 200 and "text/html" in r["Content-Type"]
    }
    assert len(html_pages) >= 2
    strict = Client(enforce_csrf_checks=True)
    for path, response in html_pages.items():
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", path
        assert response["X-Frame-Options"] in ("SAMEORIGIN", "DENY"), path
        csp = csp_directives(response["Content-Security-Policy"])
        script_src = csp.get("script-src", csp.get("default-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, path
        assert csp["frame-ancestors"] in (["'self'"], ["'none'"]), path
        assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'self'"], path

        html = response.content.decode()
        nonces = [w[7:-1] for w in script_src if w.startswith("'nonce-")]
        assert " onclick=" not in html and " onload=" not in html and 'href="javascript:' not in html, path
        parsed = parse(html)
        for script in parsed.scripts:
            if script.get("src") or script.get("type") in ("application/json", "application/ld+json"):
                continue
            assert script.get("nonce") in nonces, f"inline script without nonce on {path}: {script}"

        posts = [f for f in parsed.forms if (f.get("method") or "").lower() == "post"]
        posts = [f for f in posts if not anonymous_csrf_exempt(f.get("action") or path)]
        assert html.count('name="csrfmiddlewaretoken"') >= len(posts), path
        for form in posts:
            action = form.get("action") or path
            if action.startswith(("http://", "https://")):
                continue
            assert strict.post(action, {"name": "x"}).status_code == 403, (path, action)


def test_error_pages_send_the_headers_too(client, site_pages):
    response = client.get("/vi/khong-ton-tai-xyz/")
    assert response.status_code == 404
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors" in response["Content-Security-Policy"]


def production(code, **extra_env):
    """Run `code` with config.settings.production loaded as on a server; returns the finished process."""
    server = {
        "DJANGO_ALLOWED_HOSTS": "dtday.danang.gov.vn",
        "DJANGO_SECURE_SSL_REDIRECT": "true",
        "DATABASE_URL": "postgres://u:p@127.0.0.1:1/none",
        "REDIS_URL": "redis://127.0.0.1:1/0",
    }
    env = production_env(**{**server, **extra_env})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_settings_use_hsts_and_secure_cookies():
    out = production(
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, s.DEBUG,"
        " s.SECURE_PROXY_SSL_HEADER)"
    )
    assert out.returncode == 0, out.stderr
    hsts, subdomains, session_secure, csrf_secure, httponly, redirect, debug, proxy = out.stdout.split(" ", 7)
    assert int(hsts) >= 31536000 and subdomains == "True"
    assert session_secure == csrf_secure == httponly == redirect == "True"
    assert debug == "False"
    assert "HTTP_X_FORWARDED_PROTO" in proxy


def test_production_answers_with_hsts_over_https():
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz/', secure=True, HTTP_HOST='dtday.danang.gov.vn');"
        "print(r.status_code, r['Strict-Transport-Security']);"
        "r = Client().get('/healthz/', HTTP_HOST='dtday.danang.gov.vn');"
        "print(r.status_code, r['Location'])"
    )
    # The health check needs a reachable database: an empty in-memory one is enough.
    out = production(code, DATABASE_URL="sqlite:///:memory:")
    assert out.returncode == 0, out.stderr
    first, second = out.stdout.strip().splitlines()[-2:]
    assert first.startswith("200 max-age=31536000; includeSubDomains; preload")
    assert second == "301 https://dtday.danang.gov.vn/healthz/"


def test_production_refuses_a_missing_or_weak_secret_key():
    out = production("import django; django.setup()", DJANGO_SECRET_KEY="short")
    assert out.returncode != 0 and "DJANGO_SECRET_KEY" in out.stderr


def test_check_deploy_is_clean():
    out = production(
        "from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )
    assert out.returncode == 0, out.stdout + out.stderr
