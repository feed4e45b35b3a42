"""Knowing a browser again without an account, and telling people from crawlers.

A browser that rates or votes gets a random token in a long-lived cookie; the database keeps only its
SHA-256, so a leaked table cannot be replayed as cookies. Clearing cookies gives a new browser: the
rate limits (settings) are what stop one person from rating a hundred times.
"""

import hashlib
import re
import secrets

from crawlerdetect import CrawlerDetect

COOKIE = "ddd_browser"
COOKIE_MAX_AGE = 2 * 365 * 24 * 3600
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def browser_token(request):
    """The browser's token from its cookie, or None (absent or not one of ours)."""
    token = request.COOKIES.get(COOKIE, "")
    return token if TOKEN.match(token) else None


def browser_key(token):
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def identify(request):
    """(token, key, is_new): the browser's token (a fresh one if it has none) and its stored key."""
    token = browser_token(request)
    is_new = token is None
    if is_new:
        token = secrets.token_urlsafe(32)
    return token, browser_key(token), is_new


def remember(request, response, token):
    response.set_cookie(
        COOKIE, token, max_age=COOKIE_MAX_AGE, httponly=True, samesite="Lax", secure=request.is_secure()
    )
    return response


def is_crawler(request):
    """Search engines, link previews and scripts: they may read, but they do not rate or vote.

    A request without a User-Agent is no browser either."""
    user_agent = request.META.get("HTTP_USER_AGENT", "").strip()
    # One detector per call: CrawlerDetect keeps the user agent it checks on the instance.
    return not user_agent or CrawlerDetect(user_agent=user_agent).isCrawler()
