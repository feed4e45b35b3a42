"""Erasure reaches every copy: for each registered place of personal data, the person's rows are empty
afterwards; counts survive; exhibitors are told without who; the person gets a confirmation."""

import pytest
from django.apps import apps
from django.core import mail
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from core import personal_data
from exhibitors.models import Lead
from registration import services
from registration.models import Order, PrivacyRequest, SentEmail, SessionSeat, Ticket, TicketStatus
from registration.services.privacy import person_for

pytestmark = pytest.mark.django_db


def test_erasure_empties_every_registered_place(visitor, django_capture_on_commit_callbacks):
    person = person_for(visitor.order)
    before = {}
    for holder in personal_data.holders_of_a_person():
        before[holder.label] = list(holder.rows(person).values_list("pk", flat=True))
    # The fixture put the person in every registered place that has personal fields.
    for holder in personal_data.holders_of_a_person():
        if holder.fields:
            assert before[holder.label], (
                f"the fixture has no {holder.label} row: the test would prove nothing"
            )

    with django_capture_on_commit_callbacks(execute=True):
        services.erase_personal_data(visitor.order)

    for holder in personal_data.holders_of_a_person():
        if not holder.fields:
            continue
        model = apps.get_model(holder.label)
        for row in model.objects.filter(pk__in=before[holder.label]).values(*holder.fields):
            assert set(row.values()) <= {""}, (holder.label, row)
    # Nothing personal is left anywhere in the database rows we know of, nor in the audit log.
    for entry in ModelLogEntry.objects.all():
        assert "Nguyễn" not in entry.label and "an@example.com" not in str(entry.data).lower()


def test_erasure_details_per_place(visitor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = services.erase_personal_data(visitor.order)
    assert order.erased_at and order.email == "" and not order.share_with_exhibitors
    ticket = Ticket.objects.get(pk=visitor.ticket.pk)
    assert ticket.status == TicketStatus.CANCELLED and ticket.search_text == ""
    assert not SessionSeat.objects.filter(ticket=ticket).exists()
    assert not Certificate.objects.filter(ticket=ticket).exists()  # deleted: its code now says "not found"
    # Consents are kept as proof, withdrawn.
    assert order.consents.count() == 2 and not order.consents.filter(withdrawn_at__isnull=True).exists()
    assert not SentEmail.objects.filter(order=order).exclude(to="").exists()
    # Leads: emptied, the exhibitor's notes and rating too, counted as a visitor who did not share details.
    for lead in Lead.objects.filter(pk__in=[lead.pk for lead in visitor.leads]):
        assert (lead.name, lead.organisation, lead.job_title, lead.email, lead.note) == ("",) * 5
        assert lead.rating is None and not lead.shared and lead.erased_on_request and lead.erased_at
        assert str(lead) == "A visitor who did not share details" or "không chia sẻ" in str(lead)
    assert Lead.objects.filter(exhibitor__in=visitor.exhibitors).count() == 2
    visitor.scan.refresh_from_db()
    assert visitor.scan.raw_code == "" and visitor.scan.gate == "Cổng A"
    visitor.support_request.refresh_from_db()
    assert (visitor.support_request.name, visitor.support_request.email, visitor.support_request.message) == (
        "",
        "",
        "",
    )
    # Payment records keep what accounting needs.
    assert order.reference and order.total == 0 and order.created_at
    request = PrivacyRequest.objects.get(order=order)
    assert request.kind == "erasure" and request.channel == "web" and request.completed_at


def test_exhibitors_are_told_without_who_and_the_person_gets_a_confirmation(
    visitor, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.erase_personal_data(visitor.order)
    to_exhibitors = [m for m in mail.outbox if m.to[0] in {e.contact_email for e in visitor.exhibitors}]
    assert len(to_exhibitors) == 2
    for message in to_exhibitors:
        assert "Nguyễn" not in message.body and "an@example.com" not in message.body.lower()
        assert "Sở Thông tin" not in message.body
        assert "xóa" in message.body.lower() and "erase" in message.body.lower()
    confirmation = [m for m in mail.outbox if m.to == ["An@Example.com"]]
    assert len(confirmation) == 1
    body = confirmation[0].body
    assert "Những gì chúng tôi đã xóa" in body or "What we erased" in body
    # What is kept, and why: the payment record for accounting.
    assert "kế toán" in body
    # Nothing is sent to the erased address afterwards, and the record of it names no address.
    assert SentEmail.objects.get(order=visitor.order, kind="erasure_confirmation").to == ""
    for exhibitor in visitor.exhibitors:
        assert ModelLogEntry.objects.for_instance(exhibitor).filter(action="exhibitors.leads_erased").exists()


def test_erasing_twice_changes_nothing_more(visitor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.erase_personal_data(visitor.order)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order = services.erase_personal_data(Order.objects.get(pk=visitor.order.pk))
    assert order.erased_at and mail.outbox == []
