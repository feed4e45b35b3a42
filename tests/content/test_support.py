"""The support request form: stored, e-mailed, validated, and protected from spam."""

import pytest
from django.core import mail
from wagtail.log_actions import registry as log_registry

from content.forms import normalise_contact
from content.models import SupportRequest
from tests.html import description, unresolved_references

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Trần Thị Bình",
    "contact": "0905 123 456",
    "topic": "registration",
    "message": "Tôi chưa nhận được vé điện tử sau khi đăng ký.",
    "consent": "on",
    "website": "",
}


def test_phone_numbers_are_normalised_to_e164_and_emails_kept():
    assert normalise_contact("0905 123 456") == ("", "+84905123456")
    assert normalise_contact("+84 236 383 1022") == ("", "+842363831022")
    assert normalise_contact(" an@example.vn ") == ("an@example.vn", "")
    for bad in ["12345", "0905", "abc", "an@", "09051234567890"]:
        with pytest.raises(Exception):  # noqa: B017 (ValidationError from either validator)
            normalise_contact(bad)


def test_a_valid_request_is_stored_logged_and_emailed_then_thanked(
    client, support, settings, django_capture_on_commit_callbacks
):
    settings.ORGANISER_EMAILS = ["bantochuc@example.vn"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/vi/ho-tro/", VALID)
    assert response.status_code == 302
    request = SupportRequest.objects.get()
    assert response.headers["Location"] == f"/vi/ho-tro/?sent={request.reference}#support-form"
    assert (request.name, request.phone, request.email, request.topic) == (
        "Trần Thị Bình",
        "+84905123456",
        "",
        "registration",
    )
    assert request.language == "vi" and request.consent_at is not None and "đồng ý" in request.consent_text
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bantochuc@example.vn"]
    assert "Trần Thị Bình" in mail.outbox[0].subject
    assert "+84905123456" in mail.outbox[0].body and "chưa nhận được vé" in mail.outbox[0].body
    assert f"/admin/support_requests/{request.pk}/respond/" in mail.outbox[0].body
    assert request.reference in mail.outbox[0].body
    assert (
        log_registry.get_logs_for_instance(request).filter(action="content.support_request_received").exists()
    )
    thanks = client.get(response.headers["Location"])
    assert "Cảm ơn bạn!" in thanks.content.decode() or "Thank you!" in thanks.content.decode()
    assert 'role="status"' in thanks.content.decode()
    assert f'<strong class="reference">{request.reference}</strong>' in thanks.content.decode()


def test_english_page_stores_the_language_and_accepts_email(
    client, support, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/support/", {**VALID, "contact": "visitor@example.com", "topic": "other"})
    assert response.status_code == 302
    request = SupportRequest.objects.get()
    assert (request.language, request.email, request.phone) == ("en", "visitor@example.com", "")


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": "  "}, "name"),
        ({"contact": "0905"}, "contact"),
        ({"contact": "an@"}, "contact"),
        ({"topic": "bribe"}, "topic"),
        ({"message": "ngắn"}, "message"),
        ({"consent": ""}, "consent"),
    ],
)
def test_bad_input_gets_inline_errors_and_nothing_is_stored(client, support, changes, field):
    data = {key: value for key, value in {**VALID, **changes}.items() if value != ""}
    response = client.post("/vi/ho-tro/", data)
    assert response.status_code == 400
    html = response.content.decode()
    # The error is read with its field (Django's aria-describedby names it), and every id named exists.
    assert description(html, f"id_{field}") and unresolved_references(html) == []
    assert 'role="alert"' in html
    # What the person typed is kept.
    if field != "name":
        assert "Trần Thị Bình" in html
    assert SupportRequest.objects.count() == 0
    assert len(mail.outbox) == 0


def test_the_honeypot_is_hidden_and_a_filled_one_stores_nothing(client, support):
    html = client.get("/vi/ho-tro/").content.decode()
    assert '<div class="hp" aria-hidden="true">' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html
    response = client.post("/vi/ho-tro/", {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302  # a bot learns nothing
    assert SupportRequest.objects.count() == 0
    assert len(mail.outbox) == 0


def test_more_than_five_requests_in_ten_minutes_from_one_address_get_429(client, support):
    for _ in range(5):
        assert client.post("/vi/ho-tro/", VALID, REMOTE_ADDR="203.0.113.9").status_code == 302
    response = client.post("/vi/ho-tro/", VALID, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert SupportRequest.objects.count() == 5
    # Someone else is not affected, and reading the page is never limited.
    assert client.post("/vi/ho-tro/", VALID, REMOTE_ADDR="203.0.113.10").status_code == 302
    assert client.get("/vi/ho-tro/", REMOTE_ADDR="203.0.113.9").status_code == 200


def test_the_form_needs_a_csrf_token(support):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/vi/ho-tro/", VALID).status_code == 403
    page = strict.get("/vi/ho-tro/")
    token = page.cookies["csrftoken"].value
    assert strict.post("/vi/ho-tro/", {**VALID, "csrfmiddlewaretoken": token}).status_code == 302


def test_organisers_list_filter_search_export_and_answer_requests(admin_client, support):
    from tests.factories.content import SupportRequestFactory

    request = SupportRequestFactory(name="Lê Văn Cường", topic="exhibiting")
    SupportRequestFactory(name="Phạm Thị Dung", topic="registration")
    listing = admin_client.get("/admin/support_requests/")
    assert listing.status_code == 200
    assert "Lê Văn Cường" in listing.content.decode()
    filtered = admin_client.get("/admin/support_requests/", {"topic": "exhibiting"}).content.decode()
    assert "Lê Văn Cường" in filtered and "Phạm Thị Dung" not in filtered
    found = admin_client.get("/admin/support_requests/", {"q": "Dung"}).content.decode()
    assert "Phạm Thị Dung" in found and "Lê Văn Cường" not in found
    export = admin_client.get("/admin/support_requests/", {"export": "csv"})
    assert export.status_code == 200
    assert "Lê Văn Cường" in b"".join(export.streaming_content).decode()
    response = admin_client.post(
        f"/admin/support_requests/edit/{request.pk}/", {"status": "closed", "organiser_note": "Đã gọi lại."}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    # The note is saved; the status changes only on the answering page, one step at a time.
    assert (request.organiser_note, request.status) == ("Đã gọi lại.", "new")


def test_a_vietnamese_form_refuses_a_null_character_in_vietnamese(client, support):
    # Django's own message, which its Vietnamese catalogue leaves untranslated (core's translates it).
    response = client.post("/vi/ho-tro/", {**VALID, "name": "Trần Thị\x00 Bình"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Không được dùng ký tự rỗng (null)." in html
    assert "Null characters are not allowed." not in html
