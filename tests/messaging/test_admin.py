"""The announcement pages in the admin: write, preview with the count, send, follow the progress."""

import pytest
from django.core import mail
from django.urls import reverse

from messaging.models import Announcement, AnnouncementStatus, Audience
from tests.factories.registration import TicketFactory, TicketTypeFactory
from tests.html import description, unresolved_references

pytestmark = pytest.mark.django_db

FORM = {
    "subject_vi": "Đổi giờ khai mạc",
    "body_vi": "Lễ khai mạc bắt đầu lúc 8 giờ 30.",
    "subject_en": "Opening time changed",
    "body_en": "The opening starts at 8:30.",
}


def test_write_preview_send_and_follow_an_announcement(admin_client, django_capture_on_commit_callbacks):
    ticket_type = TicketTypeFactory()
    TicketFactory.create_batch(3, ticket_type=ticket_type)

    response = admin_client.post(
        reverse("messaging_admin:new"),
        {**FORM, "audience": Audience.EVENT_ATTENDEES, "event": ticket_type.event.pk},
    )
    announcement = Announcement.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "messaging_admin:detail", args=[announcement.pk]
    )

    preview = admin_client.get(response.url).content.decode()
    assert "3 người nhận" in preview and "Lễ khai mạc bắt đầu lúc 8 giờ 30." in preview
    assert "The opening starts at 8:30." in preview and "Gửi cho 3 người nhận" in preview
    assert not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        sent = admin_client.post(reverse("messaging_admin:send", args=[announcement.pk]))
    assert sent.status_code == 302
    assert len(mail.outbox) == 3
    progress = admin_client.get(reverse("messaging_admin:detail", args=[announcement.pk])).content.decode()
    assert 'value="3"' in progress and "Đã gửi 3 trên 3." in progress
    assert progress.count("Đã gửi</td>") == 3
    assert admin_client.get(reverse("messaging_admin:progress", args=[announcement.pk])).json() == {
        "status": "sent",
        "total": 3,
        "sent": 3,
        "waiting": 0,
        "unsubscribed": 0,
        "last_error": "",
    }

    # A second click sends nothing again, and a sent announcement can no longer be edited.
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("messaging_admin:send", args=[announcement.pk]))
    assert len(mail.outbox) == 3
    edit = admin_client.get(reverse("messaging_admin:edit", args=[announcement.pk]))
    assert edit.status_code == 302
    assert Announcement.objects.get().status == AnnouncementStatus.SENT


def test_an_audience_without_its_target_is_a_form_error(admin_client):
    response = admin_client.post(reverse("messaging_admin:new"), {**FORM, "audience": Audience.TICKET_TYPE})
    assert response.status_code == 200
    html = response.content.decode()
    # The error is read with its field (Wagtail's field template: the ids it names exist).
    assert "Chọn loại vé có người giữ vé sẽ nhận thông báo." in description(html, "id_ticket_type")
    assert unresolved_references(html) == []
    assert not Announcement.objects.exists()


def test_the_pages_are_for_organisers_only(client, django_user_model):
    user = django_user_model.objects.create_user("tinh-nguyen-vien", password="x")
    client.force_login(user)
    assert client.get(reverse("messaging_admin:list")).status_code in (302, 403)
