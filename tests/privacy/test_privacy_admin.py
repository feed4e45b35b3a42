"""Requests by phone or letter: organisers record them in the admin, see the time left, answer them with
the same download and erasure as the attendee's link, recorded with who did it and why."""

from datetime import timedelta

import pytest
from django.utils import timezone

from exhibitors.models import Lead
from registration import services
from registration.models import Order, PrivacyRequest, Ticket
from registration.privacy_admin import due_soon

pytestmark = pytest.mark.django_db


def test_an_erasure_asked_by_phone(visitor, admin_client, admin_user, django_capture_on_commit_callbacks):
    index = admin_client.get("/admin/registration/personal-data/")
    assert index.status_code == 200
    response = admin_client.post(
        "/admin/registration/personal-data/",
        {
            "reference": visitor.order.reference.lower(),
            "kind": "erasure",
            "channel": "phone",
            "reason": "Gọi 1022 lúc 9:40, xác minh qua mã đơn và e-mail",
        },
    )
    request = PrivacyRequest.objects.get(order=visitor.order)
    assert response.status_code == 302 and response.url.endswith(f"/{request.pk}/")
    assert request.is_open and request.due_at == request.received_at + timedelta(hours=72)
    listing = admin_client.get("/admin/registration/personal-data/").content.decode()
    assert (
        visitor.order.reference in listing and "71 giờ" in listing
    )  # the time left (the admin is in Vietnamese)

    page = admin_client.get(f"/admin/registration/personal-data/{request.pk}/").content.decode()
    assert "2 khách hàng tiềm năng" in page
    # Without the confirmation box nothing happens.
    admin_client.post(f"/admin/registration/personal-data/{request.pk}/", {})
    assert not Order.objects.get(pk=visitor.order.pk).erased_at
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/registration/personal-data/{request.pk}/", {"confirm": "yes"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.completed_at and request.handled_by == admin_user
    assert Ticket.objects.get(pk=visitor.ticket.pk).attendee_name == ""
    assert not Lead.objects.filter(shared=True).exists()
    assert PrivacyRequest.objects.count() == 1  # the same request, answered


def test_a_download_asked_by_letter(visitor, admin_client):
    request = services.record_request(visitor.order, "download", channel="letter", reason="Thư ngày 28/11")
    response = admin_client.post(f"/admin/registration/personal-data/{request.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "Công ty Sông Hàn" in response.content.decode()
    request.refresh_from_db()
    assert request.completed_at


def test_a_wrong_reference_is_a_form_error(visitor, admin_client):
    response = admin_client.post(
        "/admin/registration/personal-data/",
        {"reference": "DDD-NOPE", "kind": "erasure", "channel": "phone", "reason": "Gọi 1022"},
    )
    assert response.status_code == 400 and not PrivacyRequest.objects.exists()


def test_the_admin_warns_before_the_deadline(visitor, admin_client):
    now = timezone.now()
    services.record_request(visitor.order, "erasure", channel="phone", now=now - timedelta(hours=10))
    assert not due_soon(now).exists()
    assert "sắp đến hạn" not in admin_client.get("/admin/").content.decode()
    late = services.record_request(visitor.order, "download", channel="letter", now=now - timedelta(hours=60))
    assert list(due_soon(now)) == [late]
    home = admin_client.get("/admin/").content.decode()
    assert "Yêu cầu về dữ liệu cá nhân sắp đến hạn" in home
    assert visitor.order.reference in home
