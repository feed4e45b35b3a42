"""Certificates: who gets one, the PDF and its QR, the public verify page, revoking, personal data."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from certificates import services
from certificates.documents import certificate_pdf, hours_text
from certificates.models import Certificate
from checkin.models import CheckIn
from core import personal_data
from core.personal_data import ERASED_BY_REQUEST, Person
from registration import tokens
from tests.certificates.conftest import decoded, past_class, pdf_text, render_first_page
from tests.factories.checkin import CheckInFactory, CheckInListFactory
from tests.factories.events import SessionFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory


def admit(ticket, checkin_list, **fields):
    return CheckInFactory(ticket=ticket, checkin_list=checkin_list, **fields)


# --- Who gets one ---------------------------------------------------------------------------


def test_only_admitted_attendees_of_certifying_classes_get_one(skills_class, gate, ticket, other_ticket):
    admit(ticket, gate)
    admit(other_ticket, gate, successful=False, reason="wrong_list")  # refused at the door
    assert services.issue_for_class(skills_class) == 1
    certificate = Certificate.objects.get()
    assert (certificate.ticket, certificate.name, certificate.hours) == (
        ticket,
        "Trần Thị Hương",
        Decimal("4.5"),
    )
    assert certificate.organiser == skills_class.organiser


def test_undone_scans_and_exits_do_not_count(skills_class, gate, ticket, other_ticket):
    from django.utils import timezone

    admit(ticket, gate, annulled_at=timezone.now())
    admit(other_ticket, gate, type="exit")
    assert services.issue_for_class(skills_class) == 0


def test_a_session_door_admission_counts(skills_class, ticket):
    door = CheckInListFactory(event=skills_class, session=SessionFactory(event=skills_class), name="Phòng 2")
    admit(ticket, door)
    assert services.issue_for_class(skills_class) == 1


def test_non_certifying_or_unfinished_classes_give_none(db):
    plain = past_class(certifying=False)
    running = past_class(slug="dang-dien-ra")
    from django.utils import timezone

    running.ends_at = timezone.now() + timezone.timedelta(hours=1)
    running.save()
    for event in (plain, running):
        ticket = TicketFactory(ticket_type=TicketTypeFactory(event=event))
        admit(ticket, CheckInListFactory(event=event))
        assert services.issue_for_class(event) == 0
        assert services.issue_for_ticket(ticket) == []
    assert not Certificate.objects.exists()


def test_issuing_is_idempotent_one_per_ticket_and_class(skills_class, gate, ticket):
    admit(ticket, gate)
    admit(ticket, CheckInListFactory(event=skills_class, name="Cổng phụ"))  # admitted twice
    assert services.issue_for_class(skills_class) == 1
    assert services.issue_for_class(skills_class) == 0
    first = Certificate.objects.get()
    assert services.issue_for_ticket(ticket) == [first]
    call_command("issue_certificates", stdout=io.StringIO())
    assert Certificate.objects.count() == 1


def test_the_command_issues_for_every_ended_certifying_class(skills_class, gate, ticket, other_ticket):
    admit(ticket, gate)
    admit(other_ticket, gate)
    out = io.StringIO()
    call_command("issue_certificates", stdout=out)
    assert "issued 2" in out.getvalue()
    assert set(Certificate.objects.values_list("ticket", flat=True)) == {ticket.pk, other_ticket.pk}


def test_issuing_takes_the_same_queries_for_one_or_three_attendees(skills_class, gate):
    def cost(attendees):
        Certificate.objects.all().delete()
        CheckIn.objects.all().delete()
        for _ in range(attendees):
            admit(TicketFactory(ticket_type=TicketTypeFactory(event=skills_class)), gate)
        with CaptureQueriesContext(connection) as queries:
            assert services.issue_for_class(skills_class) == attendees
        return len(queries)

    assert cost(1) == cost(3)


# --- The PDF --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "vi", "en"), [("4.5", "4,5", "4.5"), ("10.0", "10", "10"), ("7", "7", "7")]
)
def test_hours_read_as_people_write_them(hours, vi, en):
    assert (hours_text(Decimal(hours), "vi"), hours_text(Decimal(hours), "en")) == (vi, en)


def test_the_pdf_has_name_class_hours_and_a_qr_of_the_verify_url(skills_class, gate, ticket, settings):
    admit(ticket, gate)
    services.issue_for_class(skills_class)
    certificate = Certificate.objects.get()
    content = certificate_pdf(certificate)
    text = pdf_text(content)
    assert "Trần Thị Hương" in text and "Lớp kỹ năng số: An toàn trên mạng" in text
    assert "4,5 giờ" in text and "4.5 hours" in text and certificate.code in text
    assert skills_class.organiser in text
    assert decoded(render_first_page(content)) == [
        f"{settings.SITE_URL}/vi/certificates/verify/?code={certificate.code}"
    ]


def test_the_attendee_downloads_it_from_the_ticket_page(client, skills_class, gate, ticket):
    admit(ticket, gate)
    token = tokens.manage_token(ticket.order)
    page = client.get(f"/vi/registration/{token}/ticket/{ticket.pk}/")
    certificate = Certificate.objects.get()  # issued on demand
    link = f"/vi/registration/{token}/ticket/{ticket.pk}/certificates/{certificate.code}.pdf"
    assert "Tải chứng nhận" in page.content.decode() and link in page.content.decode()
    response = client.get(link)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Trần Thị Hương" in pdf_text(response.content)


def test_no_link_without_an_admission_and_no_pdf_for_another_order(
    client, skills_class, gate, ticket, other_ticket
):
    admit(ticket, gate)
    services.issue_for_class(skills_class)
    token = tokens.manage_token(other_ticket.order)
    page = client.get(f"/vi/registration/{token}/ticket/{other_ticket.pk}/").content.decode()
    assert "Tải chứng nhận" not in page
    code = Certificate.objects.get().code
    assert (
        client.get(f"/vi/registration/{token}/ticket/{ticket.pk}/certificates/{code}.pdf").status_code == 404
    )


# --- The public verify page -----------------------------------------------------------------


@pytest.fixture
def certificate(skills_class, gate, ticket):
    admit(ticket, gate)
    services.issue_for_class(skills_class)
    return Certificate.objects.get()


def test_verify_shows_name_class_and_date_never_the_email(client, certificate, ticket):
    response = client.get("/vi/certificates/verify/", {"code": certificate.code.lower()})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chứng nhận này hợp lệ" in page and "Trần Thị Hương" in page
    assert "Lớp kỹ năng số: An toàn trên mạng" in page
    assert "huong@example.com" not in page and ticket.phone not in page and ticket.organisation not in page


def test_revoked_says_revoked(client, certificate, django_user_model):
    services.revoke(certificate, "Điểm danh hộ", user=django_user_model.objects.create_user("to-chuc"))
    page = client.get("/en/certificates/verify/", {"code": certificate.code}).content.decode()
    assert "has been revoked" in page and "is valid" not in page
    assert "Trần Thị Hương" not in page


@pytest.mark.parametrize("code", ["ZZZZZZZZ", "not a code", "0O1I0O1I", "x" * 500])
def test_unknown_codes_are_not_found_with_a_404(client, db, code):
    response = client.get("/vi/certificates/verify/", {"code": code})
    assert response.status_code == 404
    assert "Không có chứng nhận nào mang mã" in response.content.decode()


def test_the_form_alone_is_a_200(client, db):
    assert client.get("/vi/certificates/verify/").status_code == 200


def test_guessing_codes_gets_429(client, db, settings):
    settings.CERTIFICATE_VERIFY_RATE = "2/m"
    assert client.get("/vi/certificates/verify/", {"code": "ZZZZZZZZ"}).status_code == 404
    assert client.get("/vi/certificates/verify/", {"code": "ZZZZZZZY"}).status_code == 404
    response = client.get("/vi/certificates/verify/", {"code": "ZZZZZZZX"})
    assert response.status_code == 429 and "Quá nhiều yêu cầu" in response.content.decode()


# --- Revoking in the admin ------------------------------------------------------------------


def test_an_organiser_revokes_with_a_reason_and_it_is_audited(client, certificate, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.com", "mat-khau-dai-123")
    client.force_login(admin)
    url = f"/admin/certificates_admin/edit/{certificate.pk}/"
    assert client.get("/admin/certificates_admin/").status_code == 200
    assert client.get(f"/admin/certificates_admin/inspect/{certificate.pk}/").status_code == 200
    assert client.get(url).status_code == 200
    refused = client.post(url, {"revoke": "on", "reason": " "})
    assert refused.status_code == 200 and not Certificate.objects.get().is_revoked
    assert client.post(url, {"revoke": "on", "reason": "Không tham dự đủ giờ"}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_reason == "Không tham dự đủ giờ"
    assert certificate.revoked_by == admin
    entry = ModelLogEntry.objects.get(action="certificates.revoked")
    assert entry.user == admin and entry.data == {"reason": "Không tham dự đủ giờ"}


# --- Personal data --------------------------------------------------------------------------


def test_download_lists_it_and_erasure_deletes_it(certificate, ticket):
    holder = next(h for h in personal_data.holders() if h.label == "certificates.Certificate")
    person = Person(order_id=ticket.order_id, ticket_ids=frozenset({ticket.pk}))
    assert holder.export(person)[0]["name"] == "Trần Thị Hương"
    from django.utils import timezone

    assert holder.apply(holder.rows(person), timezone.now(), ERASED_BY_REQUEST) == 1
    assert not Certificate.objects.exists()


def test_deleting_the_order_deletes_its_certificates(certificate, ticket, client):
    code = certificate.code
    ticket.order.delete()
    assert not Certificate.objects.exists()
    assert client.get("/vi/certificates/verify/", {"code": code}).status_code == 404
