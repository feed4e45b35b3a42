"""The anonymous page cache (core/page_cache.py): hits, what is never stored, and invalidation.

The suite runs with PAGE_CACHE_SECONDS=0; every test here turns it on before its first request (the
test client builds its middleware chain on the first request it makes).
"""

import re

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.core.cache import cache
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from config import urls as project_urls
from core import page_cache
from tests.factories.content import StandardPageFactory
from tests.factories.events import EventPageFactory, SessionFactory
from tests.factories.exhibitors import ProductFactory

pytestmark = pytest.mark.django_db


# Views that only the tests need, mounted under /vi/ in front of the project's own URLs.
def _plain(request):
    return HttpResponse(f"plain {request.GET.get('n', '')}")


def _sets_cookie(request):
    response = HttpResponse("with a cookie")
    response.set_cookie("tracking", "1")
    return response


@never_cache
def _never(request):
    return HttpResponse("never cache")


def _private(request):
    response = HttpResponse("private")
    response["Cache-Control"] = "private, max-age=300"
    return response


def _streaming(request):
    return StreamingHttpResponse(iter([b"streamed"]))


def _not_found(request):
    return HttpResponse("gone", status=404)


urlpatterns = (
    i18n_patterns(
        path("t/plain/", _plain),
        path("t/cookie/", _sets_cookie),
        path("t/never/", _never),
        path("t/private/", _private),
        path("t/stream/", _streaming),
        path("t/missing/", _not_found),
        prefix_default_language=True,
    )
    + project_urls.urlpatterns
)
handler404 = project_urls.handler404
handler500 = project_urls.handler500


@pytest.fixture
def on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    return settings


@pytest.fixture
def test_urls(on):
    on.ROOT_URLCONF = __name__
    return on


def state(response):
    return response.headers.get("X-Page-Cache")


def test_second_anonymous_get_is_a_hit_without_queries(client, site_pages, on, django_assert_num_queries):
    first = client.get("/vi/")
    assert first.status_code == 200 and state(first) == "miss"
    with django_assert_num_queries(0):
        second = client.get("/vi/")
    assert second.status_code == 200 and state(second) == "hit"
    assert second.content == first.content
    # The stored answer keeps every header the page had.
    for header in ("Content-Security-Policy", "Content-Language", "X-Frame-Options", "Content-Type"):
        assert second.headers[header] == first.headers[header], header
    cache_control = second.headers["Cache-Control"]
    assert "public" in cache_control and re.search(r"max-age=(\d+)", cache_control)
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) <= 60


def test_head_is_answered_from_the_stored_get(client, site_pages, on):
    client.get("/vi/")
    assert state(client.head("/vi/")) == "hit"


def test_disabled_with_zero_seconds(client, site_pages, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/vi/")
    response = client.get("/vi/")
    assert response.status_code == 200 and state(response) is None
    assert "public" not in response.headers.get("Cache-Control", "")
    assert cache.get(page_cache.GENERATION_KEY) is None


def test_vi_and_en_are_separate_entries(client, site_pages, on):
    assert state(client.get("/vi/")) == "miss"
    assert state(client.get("/en/")) == "miss"
    vi, en = client.get("/vi/"), client.get("/en/")
    assert state(vi) == "hit" and state(en) == "hit"
    assert '<html lang="vi">' in vi.content.decode() and '<html lang="en">' in en.content.decode()
    assert vi.headers["Content-Language"] == "vi" and en.headers["Content-Language"] == "en"


def test_query_strings_are_separate_entries(client, test_urls):
    assert client.get("/vi/t/plain/?n=1").content == b"plain 1"
    second = client.get("/vi/t/plain/?n=2")
    assert state(second) == "miss" and second.content == b"plain 2"
    assert client.get("/vi/t/plain/?n=1").content == b"plain 1"


def test_publishing_a_page_makes_the_next_get_a_miss(
    client, site_pages, on, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=site_pages[0], title="Tiêu đề cũ", slug="gioi-thieu")
    client.get("/vi/gioi-thieu/")
    assert state(client.get("/vi/gioi-thieu/")) == "hit"
    page.title = "Tiêu đề mới"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = client.get("/vi/gioi-thieu/")
    assert state(response) == "miss"
    assert "Tiêu đề mới" in response.content.decode() and "Tiêu đề cũ" not in response.content.decode()
    # Every page, not only the one published (menus and listings show other pages).
    assert state(client.get("/vi/")) == "miss"


def test_a_draft_does_not_clear_the_cache(client, site_pages, on, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=site_pages[0], title="Đã xuất bản", slug="gioi-thieu")
    client.get("/vi/gioi-thieu/")
    page.title = "Bản nháp"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    response = client.get("/vi/gioi-thieu/")
    assert state(response) == "hit" and "Đã xuất bản" in response.content.decode()


def test_unpublishing_a_page_clears_the_cache(client, site_pages, on, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=site_pages[0], title="Sắp gỡ", slug="sap-go")
    assert client.get("/vi/sap-go/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get("/vi/sap-go/").status_code == 404


def test_invalidation_waits_for_the_commit(client, site_pages, on, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=site_pages[0], title="Trước", slug="truoc")
    client.get("/vi/truoc/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.title = "Sau"
        page.save_revision().publish()
        # Not committed yet: a request now would store the old rows under a new generation.
        assert state(client.get("/vi/truoc/")) == "hit"
    assert page_cache.invalidate in callbacks


def test_saving_a_session_makes_the_agenda_a_miss(client, site_pages, on, django_capture_on_commit_callbacks):
    event = EventPageFactory(title="Ngày Chuyển đổi số 2030", slug="ngay-cds-2030")
    session = SessionFactory(event=event, title_vi="Phiên cũ", slug="phien-cu")
    url = event.url + "agenda/"
    assert "Phiên cũ" in client.get(url).content.decode()
    assert state(client.get(url)) == "hit"
    session.title_vi = "Phiên mới"
    with django_capture_on_commit_callbacks(execute=True):
        session.save()
    response = client.get(url)
    assert state(response) == "miss" and "Phiên mới" in response.content.decode()


def test_saving_a_product_makes_the_catalogue_a_miss(
    client, site_pages, on, django_capture_on_commit_callbacks
):
    product = ProductFactory(name_vi="Sản phẩm cũ")
    assert "Sản phẩm cũ" in client.get("/vi/catalogue/").content.decode()
    assert state(client.get("/vi/catalogue/")) == "hit"
    product.name_vi = "Sản phẩm mới"
    with django_capture_on_commit_callbacks(execute=True):
        product.save()
    response = client.get("/vi/catalogue/")
    assert state(response) == "miss" and "Sản phẩm mới" in response.content.decode()


def test_registrations_do_not_clear_the_cache(client, site_pages, on, django_capture_on_commit_callbacks):
    from tests.factories.registration import TicketFactory, TicketTypeFactory

    ticket_type = TicketTypeFactory()
    client.get("/vi/")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        TicketFactory(ticket_type=ticket_type)  # an order and a ticket
    assert page_cache.invalidate not in callbacks
    assert state(client.get("/vi/")) == "hit"


def test_a_session_cookie_is_never_served_from_or_stored_in_the_cache(client, site_pages, on, settings):
    client.get("/vi/")  # stored for anonymous visitors
    client.cookies[settings.SESSION_COOKIE_NAME] = "some-session"
    response = client.get("/vi/")
    assert response.status_code == 200 and state(response) is None
    assert "public" not in response.headers.get("Cache-Control", "")

    cache.clear()
    client.get("/vi/")
    client.get("/vi/")
    del client.cookies[settings.SESSION_COOKIE_NAME]
    assert state(client.get("/vi/")) == "miss"  # nothing was stored for the visitor with a session


def test_a_logged_in_editor_sees_the_live_page(admin_client, site_pages, on):
    # admin_client logs in, so it carries a session cookie.
    assert state(admin_client.get("/vi/")) is None
    assert state(admin_client.get("/vi/")) is None


def test_a_pending_flash_message_is_not_answered_from_the_cache(client, site_pages, on):
    client.get("/vi/")
    client.cookies["messages"] = "pending"
    assert state(client.get("/vi/")) is None


def test_post_is_never_cached(client, test_urls):
    assert state(client.post("/vi/t/plain/")) is None
    assert state(client.get("/vi/t/plain/")) == "miss"
    assert state(client.post("/vi/t/plain/")) is None


@pytest.mark.parametrize("url", ["/vi/t/never/", "/vi/t/private/", "/vi/t/cookie/", "/vi/t/stream/"])
def test_uncacheable_answers_are_not_stored(client, test_urls, url):
    first = client.get(url)
    assert first.status_code == 200
    second = client.get(url)
    assert state(second) != "hit"
    assert "public" not in second.headers.get("Cache-Control", "")


def test_only_200_is_stored(client, test_urls):
    assert client.get("/vi/t/missing/").status_code == 404
    assert state(client.get("/vi/t/missing/")) != "hit"


def test_registration_steps_are_never_stored(client, site_pages, on):
    # The plain registration form is stored for a few seconds: tests/registration/test_register_page_cache.py
    event = EventPageFactory()
    url = f"/vi/register/{event.pk}/details/"
    client.get(url)
    response = client.get(url)
    assert state(response) is None


def test_forms_with_a_csrf_token_are_not_stored(client, test_urls, site_pages):
    from tests.factories.content import SupportPageFactory, contact_settings

    contact_settings()
    SupportPageFactory(parent=site_pages[0])
    first = client.get("/vi/ho-tro/")
    assert first.status_code == 200 and "csrfmiddlewaretoken" in first.content.decode()
    assert first.cookies  # the CSRF cookie: this answer is one visitor's
    assert state(client.get("/vi/ho-tro/")) != "hit"


@pytest.mark.parametrize("url", ["/bench/baseline/", "/api/v1/events/", "/healthz/"])
def test_baselines_api_and_health_are_never_cached(client, bench_site, site_pages, on, url):
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code
    assert state(first) is None and state(second) is None
    assert "public" not in second.headers.get("Cache-Control", "")


def test_each_hit_gets_its_own_csp_nonce(client, site_pages, on):
    event = EventPageFactory()
    first = client.get(event.url)
    second = client.get(event.url)
    assert state(second) == "hit"
    nonces = []
    for response in (first, second):
        html = response.content.decode()
        nonce = re.search(r'nonce="([^"]+)"', html).group(1)
        assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
        assert html.count(nonce) == html.count('nonce="')
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
    assert len(second.content) == len(first.content)


class _UnreachableCache:
    """What django-redis with IGNORE_EXCEPTIONS answers while Redis is down: nothing."""

    def get(self, *args, **kwargs):
        return None

    def add(self, *args, **kwargs):
        return None

    def set(self, *args, **kwargs):
        return None

    def incr(self, *args, **kwargs):
        return None


def test_pages_still_work_with_the_cache_unreachable(client, site_pages, on, monkeypatch):
    monkeypatch.setattr(page_cache, "cache", _UnreachableCache())
    for _ in range(2):
        response = client.get("/vi/")
        assert response.status_code == 200 and state(response) is None
    page_cache.invalidate()  # no error either


def test_generation_starts_and_moves(db):
    assert cache.get(page_cache.GENERATION_KEY) is None
    page_cache.invalidate()  # nothing to move yet: starts one
    first = page_cache.current_generation()
    page_cache.invalidate()
    assert page_cache.current_generation() == first + 1
