"""Commenting: only while open, only once the address is confirmed, only public once moderated."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultations import services
from consultations.models import CommentStatus, ConsultationComment
from tests.factories.consultations import ConsultationCommentFactory
from tests.html import description, unresolved_references

EMAIL = "Lan.Tran@Example.com"


def send(client, page, **overrides):
    data = {
        "section": page.sections[1].id,
        "name": "Trần Thị Lan",
        "email": EMAIL,
        "organisation": "Hiệp hội Doanh nghiệp Đà Nẵng",
        "text": "Đề nghị làm rõ đối tượng áp dụng đối với hộ kinh doanh.",
        "consent": "on",
        "website": "",
        **overrides,
    }
    return client.post(f"/vi/consultations/{page.pk}/comment/", data)


def confirm_link(message):
    return re.search(r"https?://\S+/consultations/confirm/\S+/", message.body).group(0)


def test_a_comment_waits_for_its_address_then_for_a_moderator(
    client, consultation, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, consultation)
    assert response.status_code == 302 and response["Location"].endswith("?sent=1#comment-form")
    comment = ConsultationComment.objects.get()
    assert comment.status == CommentStatus.PENDING_CONFIRMATION
    assert comment.section_title == "Điều 2. Đối tượng" and comment.consent_policy_version
    assert comment.consultation_key == consultation.translation_key

    # The e-mail: a plain-text part with the link and what happens next, nothing HTML-escaped.
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert consultation.title in message.subject
    assert "Trần Thị Lan" in message.body
    assert "“Điều 2. Đối tượng”" in message.body and "&#" not in message.body
    assert "7 ngày" in message.body and not message.alternatives
    link = confirm_link(message)
    path = link.split("://", 1)[1].split("/", 1)[1]

    # Opening the link confirms nothing (mail scanners open links): only the button does.
    page = client.get("/" + path)
    assert page.status_code == 200 and "Xác nhận" in page.content.decode()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING_CONFIRMATION
    assert client.post("/" + path).status_code == 200
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING and comment.confirmed_at
    # Confirming again changes nothing.
    client.post("/" + path)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING

    # Still not public until a moderator publishes it.
    assert comment.text not in client.get(consultation.url).content.decode()
    services.moderate_comment(comment.pk, CommentStatus.PUBLISHED)
    html = client.get(consultation.url).content.decode()
    assert comment.text in html and "Hiệp hội Doanh nghiệp Đà Nẵng" in html
    assert EMAIL.lower() not in html.lower()


def test_nothing_unmoderated_is_public_in_any_language(client, consultation):
    states = {
        status: ConsultationCommentFactory(consultation=consultation, status=status, text=f"Ý kiến {status}")
        for status in CommentStatus.values
    }
    html = client.get(consultation.url).content.decode()
    assert "Ý kiến published" in html
    for status in ("pending_confirmation", "pending", "rejected"):
        assert f"Ý kiến {status}" not in html
    for comment in states.values():
        assert comment.email not in html
    api = client.get("/api/v1/consultations/").json()
    assert api["results"][0]["published_comment_count"] == 1
    assert "@example.com" not in str(api)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("pending_confirmation", "pending"),
        ("pending_confirmation", "published"),
        ("pending_confirmation", "rejected"),
        ("pending", "pending_confirmation"),
        ("published", "pending"),
        ("rejected", "pending_confirmation"),
    ],
)
def test_moderation_steps_cannot_be_skipped_or_undone(consultation, old, new):
    comment = ConsultationCommentFactory(consultation=consultation, status=old)
    with pytest.raises(ValidationError):
        services.moderate_comment(comment.pk, new)
    comment.refresh_from_db()
    assert comment.status == old


def test_a_moderator_may_reverse_a_decision(consultation):
    comment = ConsultationCommentFactory(consultation=consultation, status=CommentStatus.PENDING)
    services.moderate_comment(comment.pk, CommentStatus.REJECTED)
    services.moderate_comment(comment.pk, CommentStatus.PUBLISHED)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED and comment.moderated_at


def test_the_admin_refuses_to_publish_an_unconfirmed_comment(admin_client, consultation):
    comment = ConsultationCommentFactory(consultation=consultation, status=CommentStatus.PENDING_CONFIRMATION)
    response = admin_client.post(f"/admin/consultations/comments/edit/{comment.pk}/", {"status": "published"})
    assert response.status_code == 200  # the form again, with the error
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING_CONFIRMATION
    pending = ConsultationCommentFactory(consultation=consultation, status=CommentStatus.PENDING)
    response = admin_client.post(f"/admin/consultations/comments/edit/{pending.pk}/", {"status": "published"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == CommentStatus.PUBLISHED


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (timedelta(days=1), timedelta(days=8), "chưa mở"),
        (-timedelta(days=8), -timedelta(minutes=1), "đã kết thúc"),
    ],
)
def test_no_comment_before_opening_or_after_closing(client, consultation, opens, closes, message):
    now = timezone.now()
    consultation.opens_at, consultation.closes_at = now + opens, now + closes
    consultation.save_revision().publish()
    response = send(client, consultation)
    assert response.status_code == 409
    assert message in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_bad_input_is_a_400_with_the_fields_marked(client, consultation):
    response = send(client, consultation, email="not-an-address", consent="", section="nope")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="errorlist"' in html and "Trần Thị Lan" in html  # what was typed is kept
    # Each error and help text is read with its field: the ids Django's aria-describedby names exist.
    assert description(html, "id_email").startswith("Chúng tôi gửi cho bạn một liên kết để xác nhận góp ý.")
    assert description(html, "id_consent") and description(html, "id_section")
    assert unresolved_references(html) == []
    assert not ConsultationComment.objects.exists()


def test_the_honeypot_keeps_nothing(client, consultation):
    assert send(client, consultation, website="http://spam.example").status_code == 302
    assert not ConsultationComment.objects.exists()


def test_a_forged_or_unknown_confirmation_link_is_a_404(client, consultation):
    assert client.get("/vi/consultations/confirm/abc:def/").status_code == 404
    assert client.post("/vi/consultations/confirm/abc:def/").status_code == 404


def test_floods_get_429_with_a_clear_message(client, consultation, settings):
    settings.CONSULTATION_COMMENT_RATE = "2/m"
    assert send(client, consultation).status_code == 302
    assert send(client, consultation).status_code == 302
    response = send(client, consultation)
    assert response.status_code == 429
    assert "Quá nhiều" in response.content.decode() or "Too many" in response.content.decode()
    assert ConsultationComment.objects.count() == 2


def test_editors_reach_the_page_editor_and_the_comment_list(admin_client, consultations_page, consultation):
    ConsultationCommentFactory(
        consultation=consultation, status=CommentStatus.PENDING, text="Chờ kiểm duyệt."
    )
    add = admin_client.get(f"/admin/pages/add/consultations/consultationpage/{consultations_page.pk}/")
    assert add.status_code == 200 and "Asia/Ho_Chi_Minh" in add.content.decode()
    assert admin_client.get(f"/admin/pages/{consultation.pk}/edit/").status_code == 200
    listing = admin_client.get("/admin/consultations/comments/?status=pending")
    assert listing.status_code == 200 and "Chờ kiểm duyệt." in listing.content.decode()
