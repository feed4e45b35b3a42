"""The organisers' admin: lists with live counts, filters, logged exports, order actions, walk-ins."""

import pytest
from django.urls import reverse

from core.models import ExportLog
from registration import services
from registration.models import Order, OrderStatus, TicketStatus
from tests.factories.registration import TicketFactory
from tests.html import description, unresolved_references

from .conftest import attendee

pytestmark = pytest.mark.django_db


def snippet_url(model, view="list"):
    return reverse(f"wagtailsnippets_registration_{model}:{view}")


def test_ticket_type_list_shows_sold_held_remaining(admin_client, event, free_type):
    TicketFactory.create_batch(2, ticket_type=free_type)
    services.place_order(event=event, email="h@example.com", attendees=[attendee(free_type)], consent=True)
    response = admin_client.get(snippet_url("tickettype"))
    assert response.status_code == 200
    row = next(r for r in response.context["object_list"] if r.pk == free_type.pk)
    assert (row.sold, row.held, row.remaining) == (2, 1, 7)


def test_order_and_attendee_lists_filter_and_search(admin_client, event, free_type, paid_type):
    TicketFactory(ticket_type=free_type, attendee_name="Võ Thị Hoa")
    TicketFactory(ticket_type=paid_type, attendee_name="Đặng Văn Minh")
    response = admin_client.get(snippet_url("order"), {"status": "confirmed"})
    assert response.status_code == 200 and len(response.context["object_list"]) == 2
    response = admin_client.get(snippet_url("order"), {"paid": "true"})
    assert len(response.context["object_list"]) == 1
    response = admin_client.get(snippet_url("ticket"), {"q": "Hoa"})
    assert [t.attendee_name for t in response.context["object_list"]] == ["Võ Thị Hoa"]
    response = admin_client.get(snippet_url("ticket"), {"paid": "true"})
    assert [t.attendee_name for t in response.context["object_list"]] == ["Đặng Văn Minh"]


def test_exports_are_logged(admin_client, admin_user, free_type):
    TicketFactory.create_batch(3, ticket_type=free_type)
    response = admin_client.get(snippet_url("ticket"), {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert "Nguyễn Thị Lan" in content
    response = admin_client.get(snippet_url("ticket"), {"export": "xlsx"})
    assert response.status_code == 200
    logs = list(ExportLog.objects.order_by("pk"))
    assert [(e.user_id, e.what, e.file_format, e.rows) for e in logs] == [
        (admin_user.pk, "registration.ticket", "csv", 3),
        (admin_user.pk, "registration.ticket", "xlsx", 3),
    ]


def test_order_actions(admin_client, event, vip_type, free_type, django_capture_on_commit_callbacks):
    order = services.place_order(
        event=event, email="v@example.com", attendees=[attendee(vip_type)], consent=True
    )
    services.confirm_email(order)
    url = reverse("registration_admin:order", args=[order.pk])
    assert admin_client.get(url).status_code == 200
    admin_client.post(url, {"action": "approve"})
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    ticket = order.tickets.get()
    admin_client.post(url, {"action": "rename", "ticket": ticket.pk, "name": "Hoàng Minh Tuấn"})
    ticket.refresh_from_db()
    assert ticket.attendee_name == "Hoàng Minh Tuấn"
    admin_client.post(url, {"action": "resend"})
    admin_client.post(url, {"action": "cancel"})
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    response = admin_client.post(url, {"action": "approve"}, follow=True)
    assert response.status_code == 200  # refused with a message, not a 500
    page = admin_client.get(url).content.decode()
    assert "Hoàng Minh Tuấn" in page


def test_walk_in_and_capacity_overview(admin_client, event, free_type, workshops):
    response = admin_client.post(
        reverse("registration_admin:walk_in"),
        {"ticket_type": free_type.pk, "name": "Bùi Thị Mai", "phone": "0236 3831022", "category": "citizen"},
    )
    assert response.status_code == 302
    order = Order.objects.get(walk_in=True)
    assert order.status == OrderStatus.CONFIRMED
    assert order.tickets.get().phone == "+842363831022"
    bad = admin_client.post(reverse("registration_admin:walk_in"), {"ticket_type": free_type.pk, "name": ""})
    assert bad.status_code == 200 and Order.objects.count() == 1
    assert description(bad.content.decode(), "id_name") and unresolved_references(bad.content.decode()) == []
    page = admin_client.get(reverse("registration_admin:capacity")).content.decode()
    assert free_type.name_vi in page and workshops[0].title_vi in page


def test_admin_pages_need_permission(client, django_user_model, free_type):
    user = django_user_model.objects.create_user("volunteer", password="x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail's refusal: back to the admin home, with a message.
    refused = client.get(reverse("registration_admin:capacity"))
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    ticket = TicketFactory(ticket_type=free_type)
    refused = client.post(reverse("registration_admin:order", args=[ticket.order_id]), {"action": "cancel"})
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.VALID
