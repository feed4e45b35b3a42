"""The scanner's offline mode, server side: the browser's own device, the web app manifest and the
service worker (the browser flows are in tests/e2e/test_checkin_offline.py)."""

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from rest_framework.test import APIClient

from checkin.models import Device
from checkin.services.offline import secret_hash
from tests.checkin.test_views import post_json, staff_client, volunteer  # noqa: F401 (fixtures)
from tests.factories.checkin import CheckInListFactory

pytestmark = pytest.mark.django_db


def test_the_scanner_registers_a_device_of_its_event_that_reads_the_bundle(
    staff_client,  # noqa: F811
    volunteer,  # noqa: F811
    checkin_list,
    ticket,
):
    response = post_json(staff_client, "/vi/checkin/scan/device/", {"list": checkin_list.pk})
    assert response.status_code == 201
    data = response.json()
    device = Device.objects.get(pk=data["device"])
    assert (device.name, device.event_id, device.created_by) == (
        "Cổng B · lan (trình duyệt)",
        checkin_list.event_id,
        volunteer,
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {data['token']}")
    bundle = api.get(f"/api/v1/checkin/lists/{checkin_list.pk}/offline/").json()
    assert [row[1] for row in bundle["tickets"]] == [secret_hash(ticket.secret)]
    # The token opens this event's lists only.
    other = CheckInListFactory()
    assert api.get(f"/api/v1/checkin/lists/{other.pk}/offline/").status_code == 404


def test_registering_a_device_needs_the_scanner_login_csrf_and_a_list(
    staff_client,  # noqa: F811
    volunteer,  # noqa: F811
    checkin_list,
):
    assert post_json(staff_client, "/vi/checkin/scan/device/", {"list": 0}).status_code == 404
    assert post_json(staff_client, "/vi/checkin/scan/device/", {"list": "x"}).status_code == 404
    response = staff_client.post("/vi/checkin/scan/device/", data="[", content_type="application/json",
                                 HTTP_X_CSRFTOKEN=staff_client.cookies["csrftoken"].value)  # fmt: skip
    assert response.status_code == 404
    no_token = Client(enforce_csrf_checks=True)
    no_token.force_login(volunteer)
    assert no_token.post("/vi/checkin/scan/device/", {"list": checkin_list.pk}).status_code == 403  # CSRF
    anonymous = Client()
    assert (
        anonymous.post("/vi/checkin/scan/device/", data="{}", content_type="application/json").status_code
        == 401
    )
    assert not Device.objects.exists()


@pytest.mark.parametrize(("lang", "name"), [("vi", "Máy quét check-in"), ("en", "Check-in scanner")])
def test_manifest_in_each_language(client, lang, name):
    response = client.get(f"/{lang}/checkin/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    data = response.json()
    assert data["name"].startswith(name)
    assert (data["start_url"], data["scope"], data["lang"]) == (
        f"/{lang}/checkin/",
        f"/{lang}/checkin/",
        lang,
    )
    assert [icon["sizes"] for icon in data["icons"]] == ["192x192", "512x512"]
    for icon in data["icons"]:
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_service_worker_scope_is_the_scanner_in_each_language(client, lang):
    response = client.get(f"/{lang}/checkin/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    # Workbox from our own static files, never from its CDN.
    assert "/static/vendor/workbox/workbox-sw.js" in body and "googleapis" not in body
    for module in ("core", "routing", "strategies"):
        path = f"/static/vendor/workbox/workbox-{module}.prod.js"
        assert path in body and finders.find(path.removeprefix(settings.STATIC_URL))


def test_only_the_scanner_page_is_marked_for_the_offline_cache(staff_client, checkin_list):  # noqa: F811
    assert staff_client.get("/vi/checkin/")["X-Checkin-Scanner"] == "1"
    assert "X-Checkin-Scanner" not in staff_client.get("/vi/checkin/?q=lan")
    assert "X-Checkin-Scanner" not in staff_client.get("/vi/checkin/?setup=1")
    assert "X-Checkin-Scanner" not in Client().get("/vi/checkin/login/")
