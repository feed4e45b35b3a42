"""The anonymous page cache: whole public responses from the shared cache, rendered once a minute.

A visitor without a session (no login, no basket, no exhibitor portal) reading a page under /vi/… or
/en/… gets the response stored for the same URL (and the headers its Vary names), with every header
the first answer carried: CSP, Vary, Content-Language, X-Frame-Options. Built on Django's own cache
helpers (`learn_cache_key`/`get_cache_key`, as `django.middleware.cache` does) in the default cache,
so Redis in production and the in-process cache on a laptop. `X-Page-Cache: hit` marks an answer from
the cache, `miss` one rendered and stored; answers that may not be stored carry neither.

Not stored: other methods, requests with a session or a pending flash message, the machines' and
editors' URLs, personal pages (registration, check-in, the exhibitor portal, saved agendas), anything
but a plain 200, responses that set a cookie (forms with a CSRF token, the language cookie) and
responses that say private, no-cache, no-store or max-age=0 (`never_cache`).

Every stored key carries a generation number kept in the cache; publishing, moving or deleting a page,
or saving anything a public page shows, moves it, so the next request renders afresh. Registrations
and check-ins do not (far too many): "places left" may be up to PAGE_CACHE_SECONDS old, and on the
registration form up to REGISTRATION_PAGE_SECONDS (its view asks for that shorter lifetime). With the
in-process cache (no REDIS_URL) each process has its own pages and generation, so an edit made in
another process (a management command, a second server) shows after at most PAGE_CACHE_SECONDS.

`PAGE_CACHE_SECONDS` (default 60) is both the server-side lifetime and the browsers' max-age; 0 takes
the middleware out of the stack.
"""

import base64
import logging
import os
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import (
    get_cache_key,
    get_max_age,
    has_vary_header,
    learn_cache_key,
    patch_cache_control,
    patch_response_headers,
)
from django.utils.http import parse_http_date_safe
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
HEADER = "X-Page-Cache"
CSP_HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")

# Never cached, whatever they answer: machines, editors, files, the benchmark's baselines.
EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/payments/",
    "/healthz/",
    "/bench/",
    "/static/",
    "/media/",
    "/documents/",
    "/i18n/",
)
# Under /vi/ and /en/: one visitor's pages (most are never_cache already; these must stay out anyway,
# e.g. a ticket page must not outlive its cancellation or a data deletion by a minute).
# The registration form (register/<event>/) may be stored: its view allows it only for the plain page,
# for REGISTRATION_PAGE_SECONDS; its further steps are never_cache.
EXCLUDED_SECTIONS = (
    "registration/",
    "checkin/",
    "exhibitor-portal/",
    "exhibitors/apply/",
    "my-agenda/",
)
UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")


# --- Generation: one number that every publish or content edit moves --------------------------------


def current_generation():
    """The generation number, or None when the cache cannot be reached (then nothing is cached)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Missing (first start, eviction): start from the clock so an old number never comes back.
        fresh = time.time_ns()
        added = cache.add(GENERATION_KEY, fresh, None)
        if added:
            generation = fresh
        elif added is False:  # someone else started it first; None means the cache is down
            generation = cache.get(GENERATION_KEY)
    return generation


def invalidate():
    """Make every stored page stale at once (the entries expire on their own)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: the next request starts one
        cache.add(GENERATION_KEY, time.time_ns(), None)
    except Exception:  # a cache outage must not fail a publish; the pages expire anyway
        logger.warning("Could not invalidate the page cache", exc_info=True)


def invalidate_on_commit(**kwargs):
    # After the commit: a request between an earlier bump and the commit would store the old content.
    transaction.on_commit(invalidate, using=kwargs.get("using"))


# --- What moves the generation ----------------------------------------------------------------------

# Columns Wagtail writes when an editor saves a draft, locks a page or comments: nothing visitors see.
PAGE_BOOKKEEPING_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _page_saved(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, Page) or not instance.live:
        return
    if update_fields is not None and set(update_fields) <= PAGE_BOOKKEEPING_FIELDS:
        return
    invalidate_on_commit(**kwargs)


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate_on_commit(**kwargs)


def _content_changed(sender, **kwargs):
    invalidate_on_commit(**kwargs)


def _m2m_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate_on_commit(**kwargs)


def connect():
    """Called once by core's AppConfig: publishing, moving or deleting a live page moves the generation."""
    page_published.connect(_content_changed, dispatch_uid="page_cache.page_published")
    page_unpublished.connect(_content_changed, dispatch_uid="page_cache.page_unpublished")
    post_page_move.connect(_content_changed, dispatch_uid="page_cache.page_moved")
    post_save.connect(_page_saved, dispatch_uid="page_cache.page_saved")
    post_delete.connect(_page_deleted, dispatch_uid="page_cache.page_deleted")


def watch(*labels, m2m=()):
    """Each app names, from its AppConfig.ready, the models ("app_label.Model") whose rows public
    pages show; saving or deleting one moves the generation. High-volume rows that pages only count
    (orders, tickets, scans) are left out, so "places left" may lag by up to PAGE_CACHE_SECONDS."""
    for label in labels:
        post_save.connect(_content_changed, sender=label, dispatch_uid=f"page_cache.saved.{label}")
        post_delete.connect(_content_changed, sender=label, dispatch_uid=f"page_cache.deleted.{label}")
    for label in m2m:
        m2m_changed.connect(_m2m_changed, sender=label, dispatch_uid=f"page_cache.m2m.{label}")


# --- The middleware ---------------------------------------------------------------------------------


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous visitors' public pages (see the module docstring).

    Placed right after SecurityMiddleware (so its HTTPS redirect still runs, and WhiteNoise, which
    production inserts at position 1, still sits right after it): a hit skips everything else.
    """

    def __init__(self, get_response):
        self.timeout = int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)
        if self.timeout <= 0:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.languages = frozenset(code for code, _name in settings.LANGUAGES)

    def __call__(self, request):
        language = self.cacheable_language(request)
        if language is None:
            return self.get_response(request)
        generation = current_generation()
        if generation is None:  # cache unreachable: serve uncached rather than wait on it twice more
            return self.get_response(request)
        key_prefix = f"pagecache.{generation}"
        # Django's key ends in the request's language; LocaleMiddleware has not run yet, so say now
        # what it will say (the URL's prefix), the same at lookup and at store.
        request.LANGUAGE_CODE = language

        cached = self.lookup(request, key_prefix)
        if cached is not None:
            return cached

        response = self.get_response(request)
        if request.method == "GET" and self.storable(response):
            request.LANGUAGE_CODE = language
            self.store(request, response, key_prefix)
        return response

    def cacheable_language(self, request):
        """The page's language if this request may be served from the cache, else None."""
        if request.method not in ("GET", "HEAD"):
            return None
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
            return None  # logged in, a registration or application under way, or a message to show
        if "HTTP_AUTHORIZATION" in request.META:
            return None
        path = request.path_info
        if path.startswith(EXCLUDED_PREFIXES):
            return None
        language, _slash, rest = path[1:].partition("/")
        if language not in self.languages or rest.startswith(EXCLUDED_SECTIONS):
            return None
        return language

    def storable(self, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
            return False
        if get_max_age(response) == 0 or has_vary_header(response, "*"):
            return False
        return True

    def lookup(self, request, key_prefix):
        try:
            key = get_cache_key(request, key_prefix, "GET", cache=cache)
            entry = cache.get(key) if key is not None else None
        except Exception:  # e.g. an entry pickled by an older release: render it again
            logger.warning("Could not read the page cache", exc_info=True)
            return None
        if entry is None:
            return None
        response, nonce = entry
        if nonce:
            self.renew_nonce(response, nonce)
        # Browsers get what is left of the lifetime, as Django's FetchFromCacheMiddleware does.
        max_age = get_max_age(response)
        expires = parse_http_date_safe(response.get("Expires", ""))
        if max_age is not None and expires is not None:
            patch_cache_control(response, max_age=max(0, min(max_age, expires - int(time.time()))))
        response[HEADER] = "hit"
        return response

    def store(self, request, response, key_prefix):
        timeout = self.timeout
        own_max_age = get_max_age(response)
        if own_max_age is None:
            patch_response_headers(response, timeout)
            patch_cache_control(response, public=True)
        else:  # the view chose its own browser lifetime (e.g. the exports' 5 minutes): keep it
            timeout = min(timeout, own_max_age)
        response[HEADER] = "miss"
        # django-csp's nonce of this response, if the page used one: replaced on every hit, so no
        # two visitors ever get the same nonce.
        nonce = getattr(request, "_csp_nonce", None)
        try:
            key = learn_cache_key(request, response, timeout, key_prefix, cache=cache)
            cache.set(key, (response, nonce if isinstance(nonce, str) else None), timeout)
        except Exception:  # never fail a page because it could not be stored
            logger.warning("Could not store %s in the page cache", request.path, exc_info=True)

    @staticmethod
    def renew_nonce(response, old):
        new = base64.b64encode(os.urandom(16)).decode("ascii")
        response.content = response.content.replace(old.encode("ascii"), new.encode("ascii"))
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        for header in CSP_HEADERS:
            if response.has_header(header):
                response[header] = response[header].replace(f"'nonce-{old}'", f"'nonce-{new}'")
