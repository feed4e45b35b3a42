"""The public registration pages: the form flow, bad inputs, the manage link, the ticket page."""

import io
import json
import re

import pytest
import zxingcpp
from django.core import mail
from django.urls import reverse
from PIL import Image

from registration import tokens
from registration.forms import AttendeeForm
from registration.models import Order, OrderStatus, SeatStatus, TicketStatus
from tests.html import description, unresolved_references

pytestmark = pytest.mark.django_db


def register_url(event, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("registration:details", args=[event.pk]) + ("?" + query if query else "")


def form_data(ticket_type, n=1, **overrides):
    data = {f"q_{ticket_type.pk}": str(n), "email": "an@example.com", "consent": "on"}
    for i in range(n):
        data.update(
            {
                f"a{i}-name": f"Nguyễn Văn An {i}",
                f"a{i}-email": "",
                f"a{i}-phone": "0905 123 456",
                f"a{i}-organisation": "DNES",
                f"a{i}-job_title": "Kỹ sư",
                f"a{i}-category": "business",
            }
        )
    data.update(overrides)
    return data


def test_step_one_lists_types_and_validates_quantities(
    client, event, free_type, paid_type, hidden_type, settings
):
    settings.STRIPE_SECRET_KEY = ""
    url = reverse("registration:register", args=[event.pk])
    page = client.get(url).content.decode()
    assert free_type.name_vi in page and paid_type.name_vi in page
    assert hidden_type.name_vi not in page
    assert "Online payment not configured" in page or "Chưa cấu hình thanh toán trực tuyến" in page
    response = client.get(url, {"step": "1", f"q_{free_type.pk}": "9"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    response = client.get(url, {"step": "1", f"q_{free_type.pk}": "0"})
    assert "errorlist" in response.content.decode() or "notice error" in response.content.decode()
    response = client.get(url, {"step": "1", f"q_{free_type.pk}": "2"})
    assert response.status_code == 302 and f"q_{free_type.pk}=2" in response.url


def test_hidden_type_through_secret_link_and_wrong_link(client, event, hidden_type):
    url = reverse("registration:register", args=[event.pk])
    assert hidden_type.name_vi in client.get(url, {"access": hidden_type.access_token}).content.decode()
    response = client.get(url, {"access": "not-the-token"})
    assert hidden_type.name_vi not in response.content.decode()
    assert (
        "invitation link is not valid" in response.content.decode()
        or "không hợp lệ" in response.content.decode()
    )


def test_free_registration_end_to_end(
    client, event, free_type, workshops, django_capture_on_commit_callbacks
):
    first, _overlapping, later = workshops
    data = form_data(free_type, 2, **{"a0-sessions": [str(first.pk), str(later.pk)]})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    order = Order.objects.get()
    assert order.status == OrderStatus.PENDING_EMAIL
    assert set(order.tickets.values_list("phone", flat=True)) == {"+84905123456"}
    assert order.tickets.get(attendee_name="Nguyễn Văn An 0").seats.count() == 2
    link = re.search(r"https?://\S+/registration/confirm/\S+/", mail.outbox[0].body).group(0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link.replace("http://testserver", ""))
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    manage = client.get(response.url).content.decode()
    assert "Nguyễn Văn An 0" in manage
    ticket = order.tickets.order_by("pk").first()
    token = tokens.manage_token(order)
    page = client.get(reverse("registration:ticket", args=[token, ticket.pk])).content.decode()
    assert "<svg" in page and ticket.secret not in page
    png = client.get(reverse("registration:ticket_qr", args=[token, ticket.pk]))
    assert zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))[0].text == ticket.secret
    pdf = client.get(reverse("registration:ticket_pdf", args=[token, ticket.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    ics = client.get(reverse("registration:calendar", args=[token]))
    assert b"BEGIN:VEVENT" in ics.content and first.title_vi.encode() in ics.content


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"consent": ""}, ["processing of your personal data", "đồng ý"]),
        ({"email": "not-an-email"}, ["valid e-mail", "e-mail hợp lệ"]),
        ({"a0-phone": "phone"}, ["valid phone number", "số điện thoại hợp lệ"]),
        ({"a0-phone": "12345"}, ["phone number does not exist", "Số điện thoại này không tồn tại"]),
        ({"a0-name": ""}, ["required", "bắt buộc"]),
    ],
)
def test_bad_inputs_get_clear_messages(client, event, free_type, override, message):
    data = form_data(free_type)
    data.update(override)
    if override.get("consent") == "":
        del data["consent"]
    response = client.post(register_url(event), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert any(m in body for m in message), body[:3000]
    # The message is read with its field (Django's aria-describedby names it), and every named id exists.
    field_id = f"id_{next(iter(override))}"
    assert any(m in description(body, field_id) for m in message), description(body, field_id)
    assert unresolved_references(body) == []
    assert not Order.objects.exists()


def test_quantity_above_maximum_via_post(client, event, free_type):
    response = client.post(register_url(event), form_data(free_type, 6))
    assert response.status_code == 302  # back to step 1 with the message
    assert not Order.objects.exists()
    page = client.get(response.url).content.decode()
    assert "At most" in page or "Tối đa" in page


def test_sold_out_is_a_clear_message(client, event, free_type):
    free_type.capacity = 0
    free_type.save()
    response = client.post(register_url(event), form_data(free_type))
    assert response.status_code == 302
    assert not Order.objects.exists()


def test_overlap_message_on_the_form(client, event, free_type, workshops):
    first, overlapping, _later = workshops
    data = form_data(free_type, **{"a0-sessions": [str(first.pk), str(overlapping.pk)]})
    response = client.post(register_url(event), data)
    assert response.status_code == 400
    assert "overlap" in response.content.decode() or "trùng giờ" in response.content.decode()


def test_tampered_manage_link_is_404(client, event, free_type):
    response = client.post(register_url(event), form_data(free_type))
    order = Order.objects.get()
    token = tokens.manage_token(order)
    assert client.get(reverse("registration:manage", args=[token])).status_code == 200
    assert client.get(reverse("registration:manage", args=[token[:-2] + "xx"])).status_code == 404
    assert client.get(reverse("registration:confirm_email", args=["garbage"])).status_code == 400
    assert response.status_code == 302


def test_manage_actions(client, event, free_type, workshops, django_capture_on_commit_callbacks):
    first, _overlapping, later = workshops
    client.post(register_url(event), form_data(free_type))
    order = Order.objects.get()
    from registration import services

    services.confirm_email(order)
    token = tokens.manage_token(order)
    url = reverse("registration:manage", args=[token])
    ticket = order.tickets.get()
    client.post(url, {"action": "workshops", "ticket": ticket.pk, f"t{ticket.pk}-sessions": [str(later.pk)]})
    assert list(ticket.seats.values_list("session_id", "status")) == [(later.pk, SeatStatus.CONFIRMED)]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "resend"})
    assert mail.outbox
    data = json.loads(client.get(reverse("registration:personal_data", args=[token])).content)
    assert data["order"][0]["reference"] == order.reference
    # Deletion needs the confirmation box.
    client.post(url, {"action": "delete"})
    order.refresh_from_db()
    assert order.erased_at is None
    client.post(url, {"action": "delete", "confirm_delete": "yes"})
    order.refresh_from_db()
    assert order.erased_at and order.tickets.get().status == TicketStatus.CANCELLED
    assert client.get(reverse("registration:ticket_qr", args=[token, ticket.pk])).status_code == 404
    assert client.post(url, {"action": "nonsense"}).status_code == 400


def test_paid_registration_redirects_to_checkout(client, event, paid_type, stripe_settings):
    response = client.post(register_url(event), form_data(paid_type))
    assert response.status_code == 302
    response = client.get(response.url)
    assert response.status_code == 302 and response.url.startswith(stripe_settings.api_base)
    # The "hosted payment page" pays and comes back to our success URL.
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(response.url)
    except urllib.error.HTTPError as redirect:
        back = redirect.headers["Location"]
    response = client.get(back.replace("http://testserver", ""))
    order = Order.objects.get()
    assert order.status == OrderStatus.CONFIRMED


def test_english_page_registers_the_same_event(client, event, free_type):
    from tests.factories.events import translate_event

    english = translate_event(event, title="Digital Transformation Day 2027")
    page = client.get(reverse("registration:register", args=[english.pk]).replace("/vi/", "/en/"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Digital Transformation Day 2027" in body and free_type.name_en in body
    response = client.post(
        reverse("registration:details", args=[english.pk]).replace("/vi/", "/en/"), form_data(free_type)
    )
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.event_id == event.pk and order.language == "en"


def test_too_many_registrations_from_one_address(client, event, free_type, settings):
    settings.REGISTRATION_RATE = "2/m"
    for _ in range(2):
        client.post(register_url(event), form_data(free_type, **{"consent": ""}))
    assert client.post(register_url(event), form_data(free_type)).status_code == 429


def test_payment_cancelled_page_offers_retry(client, event, paid_type, stripe_settings):
    client.post(register_url(event), form_data(paid_type))
    order = Order.objects.get()
    token = tokens.manage_token(order)
    page = client.get(reverse("registration:payment_cancelled", args=[token])).content.decode()
    assert reverse("registration:pay", args=[token]) in page


def test_registration_not_yet_open_says_when(client, event, free_type):
    from datetime import timedelta

    from django.utils import timezone

    event.registration_opens_at = timezone.now() + timedelta(days=3)
    event.save()
    body = client.get(reverse("registration:register", args=[event.pk])).content.decode()
    assert "Registration opens at" in body or "Mở đăng ký lúc" in body


def test_cancelling_a_paid_order_without_stripe_is_a_message(client, event, paid_type, settings):
    from django.utils import timezone

    from tests.factories.registration import TicketFactory

    ticket = TicketFactory(ticket_type=paid_type)
    Order.objects.filter(pk=ticket.order_id).update(paid_at=timezone.now(), stripe_payment_intent="pi_demo")
    settings.STRIPE_SECRET_KEY = ""
    url = reverse("registration:manage", args=[tokens.manage_token(ticket.order)])
    response = client.post(url, {"action": "cancel"}, follow=True)
    assert response.status_code == 200
    assert (
        "contact the organisers" in response.content.decode()
        or "liên hệ Ban tổ chức" in response.content.decode()
    )
    ticket.order.refresh_from_db()
    assert ticket.order.status == OrderStatus.CONFIRMED


@pytest.mark.parametrize(("phone", "code"), [("phone", "phone_format"), ("12345", "phone_invalid")])
def test_phone_errors_sit_on_the_phone_field(free_type, phone, code):
    form = AttendeeForm(
        {"a0-name": "An", "a0-phone": phone, "a0-category": "citizen"}, prefix="a0", ticket_type=free_type
    )
    assert not form.is_valid()
    assert form.has_error("phone", code) and list(form.errors) == ["phone"]
