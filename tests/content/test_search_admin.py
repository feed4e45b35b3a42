"""The admin's list searches ignore accents: "Nguyen Thi Lan" and NFD input find "Nguyễn Thị Lan"."""

import unicodedata

import pytest
from django.urls import reverse

from tests.factories.exhibitors import ApplicationFactory, ExhibitorFactory, ProductFactory
from tests.factories.registration import TicketFactory

pytestmark = pytest.mark.django_db

NFD = unicodedata.normalize("NFD", "Nguyễn Thị Lan")


def found(admin_client, app, model, query):
    response = admin_client.get(reverse(f"wagtailsnippets_{app}_{model}:list"), {"q": query})
    assert response.status_code == 200
    return list(response.context["object_list"])


def test_attendees_and_orders(admin_client, site_pages):
    lan = TicketFactory(attendee_name="Nguyễn Thị Lan", email="lan@example.com")
    TicketFactory(order=lan.order, ticket_type=lan.ticket_type, attendee_name="Nguyễn Thị Lan Anh")
    TicketFactory(attendee_name="Nguyễn Văn Lâm", email="lam@example.com")
    for query in ["Nguyen Thi Lan", "nguyễn thị lan", NFD, "NGUYEN  THI, LAN"]:
        names = {t.attendee_name for t in found(admin_client, "registration", "ticket", query)}
        assert names == {"Nguyễn Thị Lan", "Nguyễn Thị Lan Anh"}, query
        # The order with both of them is listed once.
        assert found(admin_client, "registration", "order", query) == [lan.order], query
    assert [t.email for t in found(admin_client, "registration", "ticket", "lam@example")] == [
        "lam@example.com"
    ]
    assert found(admin_client, "registration", "order", lan.order.reference) == [lan.order]
    assert found(admin_client, "registration", "ticket", "Trần") == []


def test_exhibitors_products_and_applications(admin_client, site_pages):
    application = ApplicationFactory(
        exhibitor=ExhibitorFactory(name="Công ty Thủy sản Đà Nẵng", contact_name="Nguyễn Thị Lan"),
    )
    other = ApplicationFactory(
        exhibitor=ExhibitorFactory(name="Công ty Cảng biển", contact_name="Lê Văn Hùng")
    )
    ProductFactory(exhibitor=application.exhibitor, name_vi="Cảm biến ao nuôi tôm")
    ProductFactory(exhibitor=other.exhibitor, name_vi="Bản đồ cảng")
    for query in ["Nguyen Thi Lan", NFD]:
        assert found(admin_client, "exhibitors", "exhibitorapplication", query) == [application]
    assert found(admin_client, "exhibitors", "exhibitorapplication", "thuy san") == [application]
    assert found(admin_client, "exhibitors", "exhibitorapplication", application.reference) == [application]
    assert [e.name for e in found(admin_client, "exhibitors", "exhibitor", "thuy san da nang")] == [
        "Công ty Thủy sản Đà Nẵng"
    ]
    assert [p.name_vi for p in found(admin_client, "exhibitors", "product", "cam bien tom")] == [
        "Cảm biến ao nuôi tôm"
    ]
    assert [p.name_vi for p in found(admin_client, "exhibitors", "product", "CẢNG")] == ["Bản đồ cảng"]
