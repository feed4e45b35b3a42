"""The scanner page and its JSON endpoints (staff login + CSRF), and the admin dashboard, export and trail."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from checkin.admin_views import arrivals_chart
from checkin.models import CheckIn, Device
from checkin.services import redeem_ticket
from core.models import ExportLog
from tests.factories.checkin import CheckInListFactory
from tests.factories.events import SessionFactory
from tests.factories.registration import SessionSeatFactory, TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteer(django_user_model):
    user = django_user_model.objects.create_user("lan", password="mat-khau-dai-123", first_name="Lan")
    user.groups.add(Group.objects.get(name="Check-in staff"))
    return user


@pytest.fixture
def staff_client(volunteer, checkin_list):
    client = Client(enforce_csrf_checks=True)
    client.force_login(volunteer)
    session = client.session
    session["checkin_list_id"] = checkin_list.pk
    session["checkin_gate"] = "Cổng B"
    session.save()
    client.get("/vi/checkin/")  # sets the CSRF cookie
    return client


def post_json(client, url, body):
    return client.post(
        url,
        data=json.dumps(body),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )


def test_group_has_only_the_scanner_permission():
    group = Group.objects.get(name="Check-in staff")
    assert [p.codename for p in group.permissions.all()] == ["use_scanner"]


def test_volunteer_sees_the_scanner_but_not_the_admin(volunteer, client, checkin_list):
    assert client.get("/vi/checkin/").status_code == 302
    response = client.post("/vi/checkin/login/", {"username": "lan", "password": "mat-khau-dai-123"})
    assert response.status_code == 302 and response["Location"] == "/vi/checkin/"
    setup = client.get("/vi/checkin/")
    assert setup.status_code == 200 and "Cổng chính" in setup.content.decode()
    assert client.get("/admin/").status_code == 302  # no admin access
    response = client.post(
        "/vi/checkin/", {"action": "setup", "checkin_list": checkin_list.pk, "gate": "Cổng B"}
    )
    assert response.status_code == 302
    page = client.get("/vi/checkin/").content.decode()
    assert "<checkin-scanner" in page and 'data-gate="Cổng B"' in page and "<script>" not in page


def test_user_without_the_permission_is_refused(django_user_model, client, checkin_list):
    someone = django_user_model.objects.create_user("khach", password="x")
    client.force_login(someone)
    assert client.get("/vi/checkin/").status_code == 302
    response = client.post(
        "/vi/checkin/scan/redeem/",
        data=json.dumps({"secret": "x", "list": checkin_list.pk}),
        content_type="application/json",
    )
    assert response.status_code == 403


def test_json_redeem_with_session_and_csrf(staff_client, ticket, checkin_list, volunteer):
    body = {"secret": ticket.secret, "list": checkin_list.pk, "nonce": "n-1"}
    response = post_json(staff_client, "/vi/checkin/scan/redeem/", body)
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok" and data["colour"] == "green"
    assert data["checkin"]["gate"] == "Cổng B" and data["checkin"]["by"] == "Lan"
    again = post_json(staff_client, "/vi/checkin/scan/redeem/", {**body, "nonce": "n-2"}).json()
    assert (
        again["reason"] == "already_redeemed" and "Cổng B" in again["message"] and "Lan" in again["message"]
    )
    assert CheckIn.objects.get(nonce="n-1").user == volunteer
    undo = post_json(staff_client, "/vi/checkin/scan/annul/", {"nonce": "n-1", "list": checkin_list.pk})
    assert undo.status_code == 200 and undo.json()["checkin"]["annulled"]


def test_json_redeem_needs_csrf(volunteer, checkin_list, ticket):
    client = Client(enforce_csrf_checks=True)
    client.force_login(volunteer)
    response = client.post(
        "/vi/checkin/scan/redeem/",
        data=json.dumps({"secret": ticket.secret, "list": checkin_list.pk}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not CheckIn.objects.exists()


def test_json_endpoints_bad_input(staff_client, checkin_list):
    token = staff_client.cookies["csrftoken"].value
    bad = staff_client.post(
        "/vi/checkin/scan/redeem/", data="{nope", content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert bad.status_code == 400 and bad.json()["reason"] == "bad_request"
    assert post_json(staff_client, "/vi/checkin/scan/redeem/", {"list": checkin_list.pk}).status_code == 400
    assert (
        post_json(staff_client, "/vi/checkin/scan/redeem/", {"secret": "x", "list": 999}).status_code == 404
    )
    assert post_json(staff_client, "/vi/checkin/scan/annul/", {"nonce": "nothing"}).status_code == 404
    assert staff_client.get("/vi/checkin/scan/search/", {"list": 999, "q": "Lan"}).status_code == 404


def test_json_search(staff_client, checkin_list, ticket):
    results = staff_client.get("/vi/checkin/scan/search/", {"list": checkin_list.pk, "q": "Lan"}).json()[
        "results"
    ]
    assert results[0]["secret"] == ticket.secret and results[0]["checked_in"] is False


def test_scanner_works_without_javascript(staff_client, ticket, checkin_list):
    token = staff_client.cookies["csrftoken"].value
    page = staff_client.post("/vi/checkin/", {"secret": ticket.secret, "csrfmiddlewaretoken": token})
    assert page.status_code == 200 and "scan-result--green" in page.content.decode()
    page = staff_client.post("/vi/checkin/", {"secret": ticket.secret, "csrfmiddlewaretoken": token})
    assert "scan-result--red" in page.content.decode()
    found = staff_client.get("/vi/checkin/", {"q": "Lan"}).content.decode()
    assert "Nguyễn Thị Lan" in found


def test_english_scanner(staff_client, ticket, checkin_list):
    data = post_json(
        staff_client, "/en/checkin/scan/redeem/", {"secret": "junk", "list": checkin_list.pk}
    ).json()
    assert data["message"] == "Unknown code: this is not one of our tickets."
    vi = post_json(
        staff_client, "/vi/checkin/scan/redeem/", {"secret": "junk2", "list": checkin_list.pk}
    ).json()
    assert vi["message"] != data["message"]


# --- Admin ----------------------------------------------------------------------------------


def test_dashboard_counts_and_refreshes(admin_client, ticket, checkin_list, device, event):
    TicketFactory(ticket_type=ticket.ticket_type)
    redeem_ticket(ticket.secret, checkin_list, gate="Cổng B", device=device)
    redeem_ticket("junk", checkin_list, device=device)
    workshop = SessionFactory(event=event, requires_signup=True, capacity=20, title_vi="Workshop AI")
    SessionSeatFactory(ticket=ticket, session=workshop)
    door = CheckInListFactory(event=event, session=workshop)
    redeem_ticket(ticket.secret, door, device=device)

    assert admin_client.get("/admin/checkin/dashboard/").status_code == 302
    page = admin_client.get(f"/admin/checkin/dashboard/{event.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 / 2" in html and "Cổng B" in html and "Workshop AI" in html and "<svg" in html
    data = admin_client.get(f"/admin/checkin/dashboard/{event.pk}/data.json").json()
    assert data["checked_in"] == 1 and data["registered"] == 2 and data["refused_total"] == 1
    assert data["sessions"][0]["checked_in"] == 1 and data["sessions"][0]["capacity"] == 20
    assert "html" in data


def test_dashboard_needs_permission(client, django_user_model, event, checkin_list):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(f"/admin/checkin/dashboard/{event.pk}/")
    # Wagtail's refusal: back to the admin home, with a message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_csv_export_of_all_checkins_is_logged(admin_client, ticket, checkin_list, device, event):
    ticket.attendee_name = "=HYPERLINK(evil)"
    ticket.save()
    redeem_ticket(ticket.secret, checkin_list, gate="Cổng B", device=device)
    redeem_ticket("junk", checkin_list, device=device)
    response = admin_client.get(f"/admin/checkin/dashboard/{event.pk}/checkins.csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert len(lines) == 3
    assert "'=HYPERLINK(evil)" in body and "junk" in body
    assert ExportLog.objects.filter(what__startswith="checkins").count() == 1


def test_audit_trail_lists_refused_scans(admin_client, ticket, checkin_list, device):
    redeem_ticket(ticket.secret, checkin_list, device=device)
    redeem_ticket("forged-code", checkin_list, device=device)
    page = admin_client.get("/admin/checkin/audit/")
    assert page.status_code == 200
    refused = admin_client.get("/admin/checkin/audit/", {"successful": "false"})
    assert refused.status_code == 200
    export = admin_client.get("/admin/checkin/audit/", {"export": "csv"})
    assert export.status_code == 200
    content = b"".join(export.streaming_content) if export.streaming else export.content
    assert "forged-code" in content.decode("utf-8-sig")
    assert admin_client.get("/admin/checkin/audit/new/").status_code == 404


def test_admin_creates_a_device_shows_the_token_once_and_revokes_it(admin_client):
    response = admin_client.post("/admin/checkin/devices/new/", {"name": "Cổng D"}, follow=True)
    assert response.status_code == 200
    device = Device.objects.get(name="Cổng D")
    text = response.content.decode()
    token = text[text.index("ddc_") :].split()[0].split("<")[0]
    assert device.token_hash and token not in device.token_hash

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/checkin/lists/").status_code == 200
    # The token never appears again.
    assert token not in admin_client.get(f"/admin/checkin/devices/edit/{device.pk}/").content.decode()
    response = admin_client.post(
        f"/admin/checkin/devices/edit/{device.pk}/", {"name": "Cổng D", "revoke": "on"}
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.revoked_at is not None
    assert api.get("/api/v1/checkin/lists/").status_code == 401


def test_volunteer_login_is_rate_limited(client, volunteer, settings):
    settings.ADMIN_LOGIN_RATE = "3/m"
    codes = [
        client.post("/vi/checkin/login/", {"username": "lan", "password": "sai"}).status_code
        for _ in range(4)
    ]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429


def test_arrivals_chart_geometry_is_not_localised():
    """A long day has more than 71 quarter hours: x=1008 must not become the Vietnamese "1.008"."""
    buckets = [{"start": f"{h:02d}:{m:02d}", "count": 1 + h} for h in range(24) for m in (0, 15, 30, 45)]
    chart = arrivals_chart({"buckets": buckets, "max": 24})
    with translation.override("vi"):
        html = render_to_string("checkin/admin/dashboard_body.html", {"chart": chart, "data": {}})
    assert 'x="1330"' in html and 'viewBox="0 -4 1344 144"' in html
    assert "1.330" not in html and "1.344" not in html


def test_list_picker_shows_hours_and_names_the_session_once(volunteer, event):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    client = Client()
    client.force_login(volunteer)
    saigon = ZoneInfo("Asia/Ho_Chi_Minh")
    workshop = SessionFactory(event=event, title_vi="Khai mạc")
    CheckInListFactory(
        event=event,
        name="Cửa hội trường · Khai mạc",
        session=workshop,
        valid_from=datetime(2030, 11, 30, 8, 0, tzinfo=saigon),
        valid_until=datetime(2030, 11, 30, 12, 0, tzinfo=saigon),
    )
    CheckInListFactory(event=event, name="Cổng phụ", valid_from=datetime(2030, 12, 1, 7, 30, tzinfo=saigon))
    page = client.get("/vi/checkin/?setup=1").content.decode()
    assert "Cửa hội trường · Khai mạc · 30/11 08:00–12:00</option>" in page
    assert page.count("Khai mạc") == 1
    assert "Cổng phụ · từ 01/12 07:30</option>" in page
