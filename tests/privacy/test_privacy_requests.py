"""Withdrawing consent between two booth scans; the download names every recipient; the shell command
for requests by phone or letter (a wrong reference erases nothing)."""

import json

import pytest
from django.core.management import CommandError, call_command

from exhibitors import services as exhibitor_services
from exhibitors.models import Lead
from registration import tokens
from registration.models import Order, PrivacyRequest, Ticket

from .conftest import confirmed_exhibitor

pytestmark = pytest.mark.django_db


def test_withdrawing_consent_between_two_booth_scans(visitor, event, client):
    token = tokens.manage_token(visitor.order)
    assert visitor.leads[0].shared and visitor.leads[0].name == "Nguyễn Văn An"
    page = client.get(f"/vi/registration/{token}/").content.decode()
    assert 'name="action" value="withdraw"' in page

    response = client.post(f"/vi/registration/{token}/sharing/", {"action": "withdraw"})
    assert response.status_code == 302
    order = Order.objects.get(pk=visitor.order.pk)
    assert not order.share_with_exhibitors
    assert order.consents.get(purpose="share_with_exhibitors").withdrawn_at
    assert order.consents.get(purpose="processing").withdrawn_at is None

    # A later scan at a third booth records the visit, not the person.
    member = confirmed_exhibitor(event, "Công ty Hải Vân", "B01")
    later, created = exhibitor_services.record_lead(
        member.exhibitor, secret=visitor.ticket.secret, user=member.user
    )
    assert created and not later.shared and later.name == later.email == later.organisation == ""

    # The page now offers to erase what the first two exhibitors already hold.
    page = client.get(f"/vi/registration/{token}/").content.decode()
    assert 'name="action" value="erase_shared"' in page and 'value="withdraw"' not in page
    client.post(f"/vi/registration/{token}/sharing/", {"action": "erase_shared"})
    for lead in Lead.objects.filter(pk__in=[lead.pk for lead in visitor.leads]):
        assert lead.name == lead.email == lead.note == "" and lead.erased_on_request
    # Only the shared copies: the registration itself stays.
    assert Ticket.objects.get(pk=visitor.ticket.pk).attendee_name == "Nguyễn Văn An"
    assert 'value="erase_shared"' not in client.get(f"/vi/registration/{token}/").content.decode()
    assert client.post(f"/vi/registration/{token}/sharing/", {"action": "nonsense"}).status_code == 400


def test_the_download_names_every_recipient(visitor, client):
    token = tokens.manage_token(visitor.order)
    response = client.get(f"/vi/registration/{token}/data.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    exhibitors = {row["exhibitor"]: row for row in data["exhibitors"]}
    assert set(exhibitors) == {"Công ty Sông Hàn", "Công ty Ngũ Hành Sơn"}
    assert (
        exhibitors["Công ty Sông Hàn"]["booth"] == "A · A01" and exhibitors["Công ty Sông Hàn"]["scanned_at"]
    )
    assert exhibitors["Công ty Sông Hàn"]["details_shared"] is True
    assert exhibitors["Công ty Sông Hàn"]["exhibitor_note"].startswith("Quan tâm")
    assert [row["gate"] for row in data["scans"]] == ["Cổng A"] and data["scans"][0]["scanned_at"]
    assert {row["kind"] for row in data["emails"]} >= {"confirm_email", "confirmation"}
    assert data["tickets"][0]["attendee_name"] == "Nguyễn Văn An"
    assert data["support_requests"][0]["message"] == "Tôi muốn đổi hội thảo."
    assert {c["purpose"] for c in data["consents"]} == {"processing", "share_with_exhibitors"}
    # Each download is recorded as an answered request.
    assert PrivacyRequest.objects.get(order=visitor.order, kind="download").completed_at

    page = client.get(f"/vi/registration/{token}/data/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Công ty Sông Hàn" in html and "A · A01" in html and "Cổng A" in html
    assert "Gian hàng" in html  # the headings are in the person's language


def test_the_readable_download_is_in_the_persons_language(visitor, client):
    Order.objects.filter(pk=visitor.order.pk).update(language="en")
    token = tokens.manage_token(visitor.order)
    html = client.get(f"/en/registration/{token}/data/").content.decode()
    assert "Exhibitors who scanned your ticket" in html and "Booth" in html


def test_erase_command_with_a_wrong_reference_erases_nothing(visitor):
    with pytest.raises(CommandError, match="No order with the reference 'DDD-NOPE'"):
        call_command("erase_personal_data", "--order", "ddd-nope", "--yes")
    assert Ticket.objects.get(pk=visitor.ticket.pk).attendee_name == "Nguyễn Văn An"
    assert not Order.objects.filter(erased_at__isnull=False).exists()
    assert Lead.objects.filter(shared=True).count() == 2


def test_erase_command_erases_and_records_the_request(visitor, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "erase_personal_data", "--order", visitor.order.reference.lower(), "--yes", "--reason", "Gọi 1022"
        )
    assert "personal data erased" in capsys.readouterr().out
    order = Order.objects.get(pk=visitor.order.pk)
    assert order.erased_at and Ticket.objects.get(pk=visitor.ticket.pk).attendee_name == ""
    request = PrivacyRequest.objects.get(order=order)
    assert (request.kind, request.channel, request.reason) == ("erasure", "phone", "Gọi 1022")
    assert not Lead.objects.filter(shared=True).exists()


def test_erase_command_asks_before_erasing(visitor, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Not confirmed"):
        call_command("erase_personal_data", "--order", visitor.order.reference)
    assert not Order.objects.get(pk=visitor.order.pk).erased_at
