"""The exhibitor portal: invitation, profile, products, images, payment, poster, leads; only one's own."""

import csv
import io

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from exhibitors import services
from exhibitors.models import Lead, Product, ProductStatus
from tests.factories.exhibitors import (
    ApplicationFactory,
    LeadFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
)
from tests.factories.images import png_bytes
from tests.factories.registration import TicketFactory

# Every page here lives under the site's home pages.
pytestmark = pytest.mark.usefixtures("site_pages")


def url(name, **kwargs):
    return reverse(f"exhibitors:{name}", kwargs=kwargs)


def test_portal_requires_login(client, exhibitor):
    response = client.get(url("portal_dashboard", exhibitor_id=exhibitor.pk))
    assert response.status_code == 302
    assert "/exhibitor-portal/login/" in response["Location"]


def test_invitation_sets_password_once(client, exhibitor):
    user, _ = services.ensure_member(exhibitor, "moi@example.com", "Bùi Văn Mới")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = url("portal_invitation", uidb64=uid, token=token)
    assert client.get(link).status_code == 200
    response = client.post(link, {"new_password1": "Da-Nang-2027-so!", "new_password2": "Da-Nang-2027-so!"})
    assert response.status_code == 302
    assert client.get(url("portal_dashboard", exhibitor_id=exhibitor.pk)).status_code == 200
    client.logout()
    # The token is single-use: the password changed, so the link no longer works.
    assert client.get(link).status_code == 400
    assert client.get(url("portal_invitation", uidb64="zzz", token="bad")).status_code == 400


def test_profile_edit(member_client, exhibitor):
    logo = SimpleUploadedFile("logo.png", png_bytes(), "image/png")
    response = member_client.post(
        url("portal_profile", exhibitor_id=exhibitor.pk),
        {
            "name": "Công ty Mới Tên",
            "sector": "edtech",
            "address": "Hòa Khánh",
            "website": "https://moi.example.com",
            "description_vi": "Mô tả",
            "description_en": "Description",
            "contact_name": "A",
            "contact_email": "a@example.com",
            "contact_phone": "0236 3831 022",
            "logo_upload": logo,
        },
    )
    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert exhibitor.name == "Công ty Mới Tên"
    assert exhibitor.contact_phone == "+842363831022"
    assert exhibitor.logo is not None


def test_product_create_image_submit(member_client, exhibitor):
    response = member_client.post(
        url("portal_product_new", exhibitor_id=exhibitor.pk),
        {
            "name_vi": "Robot giao hàng",
            "name_en": "Delivery robot",
            "category": "hardware",
            "sector": "logistics",
            "maturity": "prototype",
        },
    )
    assert response.status_code == 302
    product = Product.objects.get(exhibitor=exhibitor)
    assert product.status == ProductStatus.DRAFT
    image_url = url("portal_product_image_add", exhibitor_id=exhibitor.pk, pk=product.pk)
    bad = member_client.post(
        image_url, {"image": SimpleUploadedFile("x.png", b"text", "image/png"), "alt_vi": "x"}
    )
    assert bad.status_code == 400
    assert "not an image" in bad.content.decode() or "không phải" in bad.content.decode().lower()
    good = member_client.post(
        image_url,
        {"image": SimpleUploadedFile("r.png", png_bytes(), "image/png"), "alt_vi": "Robot trên phố"},
    )
    assert good.status_code == 302
    assert product.images.count() == 1
    member_client.post(url("portal_product_submit", exhibitor_id=exhibitor.pk, pk=product.pk))
    product.refresh_from_db()
    assert product.status == ProductStatus.SUBMITTED


def test_invite_colleague(member_client, exhibitor, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            url("portal_members", exhibitor_id=exhibitor.pk),
            {"name": "Lê Văn Tám", "email": "tam@example.com"},
        )
    assert response.status_code == 302
    assert exhibitor.members.filter(email="tam@example.com").exists()
    assert "/exhibitor-portal/invitation/" in mailoutbox[-1].body


def test_poster_pdf_and_png(member_client, exhibitor, package, booth):
    application = ApplicationFactory(exhibitor=exhibitor, package=package, status="confirmed", booth=booth)
    pdf = member_client.get(
        url("portal_poster", exhibitor_id=exhibitor.pk, pk=application.pk, fmt="pdf") + "?size=A3"
    )
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    png = member_client.get(url("portal_poster", exhibitor_id=exhibitor.pk, pk=application.pk, fmt="png"))
    assert png.status_code == 200
    assert (
        member_client.get(
            url("portal_poster", exhibitor_id=exhibitor.pk, pk=application.pk, fmt="exe")
        ).status_code
        == 404
    )


def test_lead_scan_json_and_csv(member_client, exhibitor, exhibiting, event):
    ticket = TicketFactory(
        ticket_type__event=event, share_with_exhibitors=True, attendee_name="Đặng Thùy Trâm"
    )
    private = TicketFactory(ticket_type__event=event, share_with_exhibitors=False)
    scan = url("portal_lead_scan", exhibitor_id=exhibitor.pk)
    response = member_client.post(scan, {"secret": ticket.secret}, content_type="application/json")
    assert response.status_code == 201 and response.json()["lead"]["name"] == "Đặng Thùy Trâm"
    response = member_client.post(scan, {"secret": private.secret}, content_type="application/json")
    assert response.json()["lead"]["shared"] is False and response.json()["lead"]["name"] == ""
    again = member_client.post(scan, {"secret": ticket.secret}, content_type="application/json")
    assert again.status_code == 200 and again.json()["created"] is False
    bad = member_client.post(scan, {"secret": "nope"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json() == {
        "status": "error",
        "reason": "invalid",
        "detail": bad.json()["detail"],
    }
    junk = member_client.post(scan, "not json", content_type="application/json")
    assert junk.status_code == 400
    lead = Lead.objects.get(ticket=ticket)
    member_client.post(
        url("portal_lead_edit", exhibitor_id=exhibitor.pk, pk=lead.pk),
        {"note": "Quan tâm IOC", "rating": "4"},
    )
    lead.refresh_from_db()
    assert lead.rating == 4 and lead.note == "Quan tâm IOC"
    rows = list(
        csv.reader(
            io.StringIO(
                member_client.get(url("portal_leads_csv", exhibitor_id=exhibitor.pk)).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert len(rows) == 3
    assert any("Đặng Thùy Trâm" in row for row in rows)
    assert private.attendee_name not in str(rows)


def test_lead_scan_plain_form(member_client, exhibitor, exhibiting, event):
    ticket = TicketFactory(ticket_type__event=event, share_with_exhibitors=True)
    response = member_client.post(
        url("portal_lead_scan_form", exhibitor_id=exhibitor.pk), {"secret": ticket.secret}
    )
    assert response.status_code == 302
    assert Lead.objects.filter(exhibitor=exhibitor, ticket=ticket).exists()


def test_every_portal_url_with_another_exhibitors_ids_is_404(
    member_client, exhibitor, other_exhibitor, package
):
    """The signed-in member of `exhibitor` tries other_exhibitor's company and objects: always 404."""
    theirs = {
        "product": ProductFactory(exhibitor=other_exhibitor),
        "application": ApplicationFactory(exhibitor=other_exhibitor, package=package, status="confirmed"),
        "lead": LeadFactory(exhibitor=other_exhibitor),
    }
    image = ProductImageFactory(product=theirs["product"])
    mine = {"product": ProductFactory(exhibitor=exhibitor), "lead": LeadFactory(exhibitor=exhibitor)}
    other_id, my_id = other_exhibitor.pk, exhibitor.pk
    attempts = [
        ("get", "portal_dashboard", {"exhibitor_id": other_id}),
        ("get", "portal_profile", {"exhibitor_id": other_id}),
        ("post", "portal_profile", {"exhibitor_id": other_id}),
        ("get", "portal_members", {"exhibitor_id": other_id}),
        ("post", "portal_members", {"exhibitor_id": other_id}),
        ("get", "portal_product_new", {"exhibitor_id": other_id}),
        ("get", "portal_product_edit", {"exhibitor_id": other_id, "pk": theirs["product"].pk}),
        ("get", "portal_product_edit", {"exhibitor_id": my_id, "pk": theirs["product"].pk}),
        ("get", "portal_product_edit", {"exhibitor_id": other_id, "pk": mine["product"].pk}),
        ("post", "portal_product_edit", {"exhibitor_id": my_id, "pk": theirs["product"].pk}),
        ("post", "portal_product_submit", {"exhibitor_id": my_id, "pk": theirs["product"].pk}),
        ("post", "portal_product_image_add", {"exhibitor_id": my_id, "pk": theirs["product"].pk}),
        (
            "post",
            "portal_product_image_delete",
            {"exhibitor_id": my_id, "pk": theirs["product"].pk, "image_id": image.pk},
        ),
        (
            "post",
            "portal_product_image_delete",
            {"exhibitor_id": my_id, "pk": mine["product"].pk, "image_id": image.pk},
        ),
        ("post", "portal_pay", {"exhibitor_id": my_id, "pk": theirs["application"].pk}),
        ("get", "portal_poster", {"exhibitor_id": my_id, "pk": theirs["application"].pk, "fmt": "pdf"}),
        ("get", "portal_poster", {"exhibitor_id": other_id, "pk": theirs["application"].pk, "fmt": "png"}),
        ("get", "portal_leads", {"exhibitor_id": other_id}),
        ("get", "portal_lead_scanner", {"exhibitor_id": other_id}),
        ("post", "portal_lead_scan", {"exhibitor_id": other_id}),
        ("post", "portal_lead_scan_form", {"exhibitor_id": other_id}),
        ("get", "portal_leads_csv", {"exhibitor_id": other_id}),
        ("get", "portal_lead_edit", {"exhibitor_id": my_id, "pk": theirs["lead"].pk}),
        ("post", "portal_lead_edit", {"exhibitor_id": my_id, "pk": theirs["lead"].pk}),
        ("get", "portal_lead_edit", {"exhibitor_id": other_id, "pk": theirs["lead"].pk}),
    ]
    for method, name, kwargs in attempts:
        response = getattr(member_client, method)(url(name, **kwargs))
        assert response.status_code == 404, (method, name, kwargs, response.status_code)
    assert image.pk and theirs["product"].images.count() == 1


def test_user_without_membership_sees_no_company(client, exhibitor):
    client.force_login(UserFactory())
    assert client.get(url("portal_dashboard", exhibitor_id=exhibitor.pk)).status_code == 404
    assert client.get(url("portal_home")).status_code == 200


def test_sign_in_without_next_opens_the_portal(client, member, exhibitor):
    response = client.post(
        url("portal_login"), {"username": member.username, "password": "mat-khau-an-toan-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("portal_home")
    assert client.get(response["Location"])["Location"] == url("portal_dashboard", exhibitor_id=exhibitor.pk)
    client.logout()
    wrong = client.post(url("portal_login"), {"username": member.username, "password": "sai"})
    assert wrong.status_code == 200
