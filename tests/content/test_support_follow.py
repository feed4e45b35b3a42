"""Following a support request: its reference, the public status page (both keys or nothing), the
organisers' steps (assign, reply, close, never skipped), hotline calls, response times, personal data."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content import services
from content.models import SupportReply, SupportRequest
from content.models.support import REFERENCE_PREFIX, as_support_reference
from core import personal_data
from registration.codes import REFERENCE_ALPHABET
from registration.services.privacy import Person
from tests.factories.content import SupportRequestFactory
from tests.html import description, unresolved_references

pytestmark = pytest.mark.django_db

STATUS_URL = "/vi/support/status/"
FORM = {
    "name": "Trần Thị Bình",
    "contact": "Binh.Tran@Example.vn",
    "topic": "registration",
    "message": "Tôi chưa nhận được vé điện tử sau khi đăng ký.",
    "consent": "on",
    "website": "",
}


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("hotro", "hotro@example.vn", "x", is_staff=True)


def without_values(html):
    """The page without what differs by design: the CSRF token and the values typed back."""
    return re.sub(r'value="[^"]*"', "", html)


def look_up(client, reference, contact, **extra):
    return client.post(STATUS_URL, {"reference": reference, "contact": contact}, **extra)


def test_references_are_unambiguous_unique_and_read_as_typed():
    references = {SupportRequestFactory().reference for _ in range(20)}
    assert len(references) == 20
    for reference in references:
        code = reference.removeprefix(REFERENCE_PREFIX)
        assert reference.startswith("HT-") and len(code) == 6 and set(code) <= set(REFERENCE_ALPHABET)
    assert as_support_reference(" ht-7k3m9q ") == "HT-7K3M9Q"
    assert as_support_reference("7K3M9Q") == as_support_reference("HT 7K3M9Q") == "HT-7K3M9Q"
    for bad in ["", "HT-", "HT-7K3M9", "HT-7K3M9O", "HT-0K3M9Q", "<script>"]:
        assert as_support_reference(bad) == ""


def test_the_person_gets_the_reference_on_screen_and_by_email_in_their_language(
    client, support, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/support/", FORM)
    request = SupportRequest.objects.get()
    assert response.headers["Location"] == f"/en/support/?sent={request.reference}#support-form"
    html = client.get(response.headers["Location"]).content.decode()
    assert request.reference in html and "/en/support/status/" in html
    confirmation = [m for m in mail.outbox if m.to == ["Binh.Tran@Example.vn"]]
    assert len(confirmation) == 1
    message = confirmation[0]
    assert message.subject == f"We received your support request {request.reference}"
    assert request.reference in message.body
    assert "http://testserver/en/support/status/" in message.body or "/en/support/status/" in message.body
    assert "Hello Trần Thị Bình," in message.body
    assert message.alternatives == []  # plain text only


def test_the_confirmation_in_vietnamese(support, django_capture_on_commit_callbacks, client):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/vi/ho-tro/", FORM)
    request = SupportRequest.objects.get()
    message = next(m for m in mail.outbox if m.to == ["Binh.Tran@Example.vn"])
    assert message.subject == f"Chúng tôi đã nhận yêu cầu hỗ trợ {request.reference}"
    assert "/vi/support/status/" in message.body and request.reference in message.body


def test_a_forged_thank_you_shows_no_reference(client, support):
    html = client.get("/vi/ho-tro/?sent=<b>HT-7K3M9Q</b>").content.decode()
    assert 'class="reference"' not in html and "<b>HT" not in html


def test_the_status_page_needs_both_the_reference_and_the_contact(client, staff):
    request = SupportRequestFactory(email="binh@example.vn", organiser_note="Khách khó tính, gọi lại sau.")
    services.assign_support_request(request.pk, staff, user=staff)
    services.reply_to_support_request(request.pk, "Vé đã được gửi lại vào hộp thư của chị.", user=staff)

    assert client.get(STATUS_URL).status_code == 200
    found = look_up(client, request.reference.lower(), "BINH@example.vn")
    assert found.status_code == 200
    html = found.content.decode()
    assert request.reference in html and "Đã trả lời" in html
    assert "Vé đã được gửi lại vào hộp thư của chị." in html
    # What organisers wrote for themselves, and the address, never appear.
    assert "Khách khó tính" not in html
    assert "binh@example.vn" not in html.lower()

    wrong_reference = look_up(client, "HT-22222A", "binh@example.vn")
    wrong_email = look_up(client, request.reference, "other@example.vn")
    assert wrong_reference.status_code == wrong_email.status_code == 404
    # The same answer whichever key was wrong: the page confirms neither.
    assert without_values(wrong_reference.content.decode()) == without_values(wrong_email.content.decode())
    assert "Vé đã được gửi lại" not in wrong_email.content.decode()
    assert "Không tìm thấy yêu cầu" in wrong_email.content.decode()

    empty = client.post(STATUS_URL, {"reference": "", "contact": ""})
    assert empty.status_code == 400
    html = empty.content.decode()
    assert description(html, "id_reference").startswith("Như trong e-mail hoặc trên màn hình sau khi gửi")
    assert unresolved_references(html) == []


def test_a_request_by_phone_is_followed_with_the_phone_number(client):
    request = SupportRequestFactory(email="", phone="+84905123456")
    assert look_up(client, request.reference, "0905 123 456").status_code == 200
    assert look_up(client, request.reference, "0905 123 457").status_code == 404


def test_guessing_floods_get_429_with_a_clear_message(client, settings):
    settings.SUPPORT_STATUS_RATE = "3/10m"
    for _ in range(3):
        assert look_up(client, "HT-22222A", "a@example.vn", REMOTE_ADDR="203.0.113.5").status_code == 404
    request = SupportRequestFactory()
    flooded = look_up(client, request.reference, request.email, REMOTE_ADDR="203.0.113.5")
    assert flooded.status_code == 429
    assert "Quá nhiều yêu cầu" in flooded.content.decode()
    assert request.message not in flooded.content.decode()
    json = client.post(
        STATUS_URL, {"reference": "x"}, REMOTE_ADDR="203.0.113.5", HTTP_ACCEPT="application/json"
    )
    assert json.status_code == 429 and json.json()["reason"] == "rate_limited"
    assert look_up(client, request.reference, request.email, REMOTE_ADDR="203.0.113.6").status_code == 200


def test_the_status_page_runs_the_same_queries_for_one_reply_and_three(client, staff):
    request = SupportRequestFactory()
    services.assign_support_request(request.pk, staff, user=staff)
    services.reply_to_support_request(request.pk, "Một.", user=staff)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert look_up(client, request.reference, request.email).status_code == 200
        return len(captured)

    count()  # warms what a running server has warmed (the site, the locales)
    one = count()
    services.reply_to_support_request(request.pk, "Hai.", user=staff)
    services.reply_to_support_request(request.pk, "Ba.", user=staff)
    assert count() == one


def test_states_cannot_be_skipped(staff):
    request = SupportRequestFactory()
    with pytest.raises(Exception, match="Mới"):
        services.reply_to_support_request(request.pk, "Trả lời.", user=staff)
    with pytest.raises(Exception, match="Mới"):
        services.close_support_request(request.pk, user=staff)
    services.assign_support_request(request.pk, staff, user=staff)
    with pytest.raises(Exception, match="Đã phân công"):
        services.close_support_request(request.pk, user=staff)
    services.reply_to_support_request(request.pk, "Trả lời.", user=staff)
    services.close_support_request(request.pk, user=staff)
    for step in (
        lambda: services.reply_to_support_request(request.pk, "Thêm.", user=staff),
        lambda: services.assign_support_request(request.pk, staff, user=staff),
        lambda: services.close_support_request(request.pk, user=staff),
    ):
        with pytest.raises(Exception, match="Đã đóng"):
            step()
    request.refresh_from_db()
    assert request.status == "closed" and request.replies.count() == 1
    with pytest.raises(Exception):  # noqa: B017 (ValidationError: only staff are assigned)
        services.assign_support_request(
            SupportRequestFactory().pk, get_user_model().objects.create_user("khach"), user=staff
        )


def test_organisers_assign_reply_and_close_in_the_admin(
    admin_client, admin_user, staff, audit_actions, django_capture_on_commit_callbacks
):
    request = SupportRequestFactory(email="visitor@example.com", language="en", name="Anna Smith")
    respond = f"/admin/support_requests/{request.pk}/respond/"
    page = admin_client.get(respond).content.decode()
    assert request.reference in page and 'value="reply"' not in page and 'value="close"' not in page

    refused = admin_client.post(respond, {"action": "close"})
    assert refused.status_code == 400
    request.refresh_from_db()
    assert request.status == "new"

    assert admin_client.post(respond, {"action": "assign", "assignee": staff.pk}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        replied = admin_client.post(respond, {"action": "reply", "body": "Your ticket was sent again."})
    assert replied.status_code == 302
    assert len(mail.outbox) == 1
    reply_mail = mail.outbox[0]
    assert reply_mail.to == ["visitor@example.com"]
    assert reply_mail.subject == f"Reply to your support request {request.reference}"
    assert "Hello Anna Smith," in reply_mail.body and "Your ticket was sent again." in reply_mail.body
    assert "/en/support/status/" in reply_mail.body
    assert SupportReply.objects.get().delivered is True

    assert admin_client.post(respond, {"action": "close"}).status_code == 302
    request.refresh_from_db()
    assert request.status == "closed" and request.assigned_to == staff
    assert request.first_reply_at is not None and request.closed_at >= request.first_reply_at
    assert audit_actions(request) == [
        "content.support_request_assigned",
        "content.support_request_replied",
        "content.support_request_closed",
    ]
    # The list links each request to its answering page and shows its response times.
    listing = admin_client.get("/admin/support_requests/").content.decode()
    assert respond in listing and request.reference in listing


def test_a_hotline_call_gets_a_reference_in_the_admin(admin_client, django_capture_on_commit_callbacks):
    assert (
        admin_client.get("/admin/support_requests/")
        .content.decode()
        .count("/admin/support_requests/hotline/")
    )
    bad = admin_client.post("/admin/support_requests/hotline/", {"name": "Ông Hải", "contact": "0905"})
    assert bad.status_code == 400 and SupportRequest.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/support_requests/hotline/",
            {
                "name": "Ông Hải",
                "contact": "hai@example.vn",
                "topic": "other",
                "message": "Hỏi chỗ gửi xe máy.",
                "language": "vi",
                "consent": "on",
            },
            follow=True,
        )
    request = SupportRequest.objects.get()
    assert request.source == "hotline" and request.reference in response.content.decode()
    assert request.consent_text.startswith("Người gọi đồng ý")
    # The caller gets the same e-mail as someone who used the form; the organisers are not told twice.
    assert [m.to for m in mail.outbox] == [["hai@example.vn"]]
    assert request.reference in mail.outbox[0].body


def test_response_times_are_reported(admin_client, staff):
    now = timezone.now()
    fast = SupportRequestFactory(created_at=now - timedelta(hours=5))
    services.assign_support_request(fast.pk, staff, user=staff)
    services.reply_to_support_request(fast.pk, "Xong.", user=staff)
    SupportRequest.objects.filter(pk=fast.pk).update(first_reply_at=now - timedelta(hours=3))
    SupportRequestFactory()
    report = admin_client.get("/admin/support_requests/report/")
    assert report.status_code == 200
    html = report.content.decode()
    assert "2 giờ" in html  # the first reply came two hours after the request
    listing = admin_client.get("/admin/support_requests/").content.decode()
    assert "2 giờ" in listing


def test_the_admin_list_runs_the_same_queries_for_one_request_and_three(admin_client, staff):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get("/admin/support_requests/").status_code == 200
        return len(captured)

    SupportRequestFactory(assigned_to=staff)
    admin_client.get("/admin/support_requests/")
    one = count()
    SupportRequestFactory(assigned_to=staff)
    SupportRequestFactory(assigned_to=None)
    assert count() == one


def test_requests_and_replies_are_in_the_download_and_erased(staff):
    request = SupportRequestFactory(email="An@Example.com")
    services.assign_support_request(request.pk, staff, user=staff)
    services.reply_to_support_request(request.pk, "Chào anh An.", user=staff)
    person = Person(order_id=None, emails=frozenset({"an@example.com"}))
    holders = {holder.label: holder for holder in personal_data.holders_of_a_person()}
    download = holders["content.SupportReply"].export(person)
    assert download == [
        {"reference": request.reference, "sent_at": download[0]["sent_at"], "body": "Chào anh An."}
    ]
    for label in ("content.SupportReply", "content.SupportRequest"):  # the registry's order
        holder = holders[label]
        holder.apply(holder.rows(person), timezone.now(), "request")
    assert SupportReply.objects.get().body == ""
    assert SupportRequest.objects.get().email == ""
