"""Badges: the PDF (decoded with zxing-cpp from the rendered page), the layout per ticket type, the
print page at the gate and who may open it."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from checkin.badges import badges_pdf, tickets_for_job, with_badge_data
from checkin.models import BadgeJob, BadgeLayout, BadgeSettings
from checkin.services import redeem_ticket
from registration.models import Ticket
from tests.factories.checkin import CheckInListFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # PDF points per millimetre


def render_pages(content, scale=3):
    """Each page of the PDF rasterised (as a printer would see it), with its size in millimetres."""
    import pypdfium2

    document = pypdfium2.PdfDocument(content)
    pages = []
    for page in document:
        width, height = page.get_size()
        pages.append(((round(width / MM), round(height / MM)), page.render(scale=scale).to_pil()))
    return pages


def decoded(image):
    import zxingcpp

    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.fixture
def volunteer(django_user_model):
    user = django_user_model.objects.create_user("lan", password="mat-khau-dai-123")
    user.groups.add(Group.objects.get(name="Check-in staff"))
    return user


@pytest.fixture
def gate_client(volunteer, checkin_list):
    client = Client()
    client.force_login(volunteer)
    session = client.session
    session["checkin_list_id"] = checkin_list.pk
    session["checkin_gate"] = "Cổng B"
    session.save()
    return client


def test_badge_pdf_decodes_to_the_ticket_secret_on_each_paper(ticket, ticket_type):
    label_type = TicketTypeFactory(event=ticket_type.event, name_vi="Khách mời")
    BadgeSettings.objects.create(ticket_type=label_type, layout=BadgeLayout.LABEL_62)
    guest = TicketFactory(ticket_type=label_type, attendee_name="Trần Văn Đức")

    tickets = with_badge_data(Ticket.objects.filter(pk__in=[ticket.pk, guest.pk]).order_by("pk"))
    pages = render_pages(badges_pdf(tickets))

    assert [size for size, _ in pages] == [(105, 148), (62, 100)]
    assert [decoded(image) for _, image in pages] == [[ticket.secret], [guest.secret]]


def test_badge_text_has_the_name_organisation_and_category_in_words(ticket):
    import pypdfium2

    content = badges_pdf(with_badge_data(Ticket.objects.filter(pk=ticket.pk)))
    text = pypdfium2.PdfDocument(content)[0].get_textpage().get_text_range()
    assert "Nguyễn Thị Lan" in text and "Sở KH&CN" in text
    assert "Doanh nghiệp" in text  # the business category, named in the order's language (vi)


def test_layout_changes_with_the_ticket_type_setting(ticket, ticket_type):
    settings_row = BadgeSettings.objects.create(ticket_type=ticket_type, layout=BadgeLayout.LABEL_62)
    one = with_badge_data(Ticket.objects.filter(pk=ticket.pk))
    assert render_pages(badges_pdf(one))[0][0] == (62, 100)
    settings_row.layout = BadgeLayout.A6
    settings_row.save()
    assert render_pages(badges_pdf(one.all()))[0][0] == (105, 148)


def test_job_tickets_follow_the_list_types_and_leave_out_cancelled(ticket, ticket_type, event):
    other_type = TicketTypeFactory(event=event)
    TicketFactory(ticket_type=other_type)
    TicketFactory(ticket_type=ticket_type, status="cancelled")
    only_first_type = CheckInListFactory(event=event, ticket_types=[ticket_type])
    only_first_type.refresh_from_db()
    job = BadgeJob(checkin_list=only_first_type)
    assert list(tickets_for_job(job)) == [ticket]
    assert tickets_for_job(BadgeJob(ticket_type=other_type)).count() == 1


# --- The print page at the gate -----------------------------------------------------------------


def test_print_page_after_a_green_scan(gate_client, volunteer, ticket, checkin_list, ticket_type):
    BadgeSettings.objects.create(ticket_type=ticket_type, layout=BadgeLayout.LABEL_62)
    redeem_ticket(ticket.secret, checkin_list, nonce="n-1", gate="Cổng B", user=volunteer)
    response = gate_client.get(f"/vi/checkin/badge/{ticket.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<bdi>Nguyễn Thị Lan</bdi>" in page and "<bdi>Sở KH&amp;CN</bdi>" in page
    assert 'class="badge badge--label62"' in page and "Doanh nghiệp" in page
    assert "no-store" in response["Cache-Control"]
    assert "<svg" in page and "<script>" not in page


def test_print_page_refused_without_an_admission_at_this_list(gate_client, ticket, checkin_list, event):
    # Not scanned in: nothing to print (a volunteer cannot print any badge by number).
    assert gate_client.get(f"/vi/checkin/badge/{ticket.pk}/").status_code == 404
    # Admitted at another list: not this gate's to print.
    other = CheckInListFactory(event=event)
    redeem_ticket(ticket.secret, other, nonce="n-9", gate="Cổng A")
    assert gate_client.get(f"/vi/checkin/badge/{ticket.pk}/").status_code == 404


def test_print_page_refused_without_login_or_permission(client, django_user_model, ticket, checkin_list):
    redeem_ticket(ticket.secret, checkin_list, nonce="n-1", gate="Cổng B")
    url = f"/vi/checkin/badge/{ticket.pk}/"
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/vi/checkin/login/")
    outsider = django_user_model.objects.create_user("khach", password="mat-khau-dai-123")
    client.force_login(outsider)
    session = client.session
    session["checkin_list_id"] = checkin_list.pk
    session.save()
    assert client.get(url).status_code in (302, 403)
    assert "Nguyễn Thị Lan" not in client.get(url, follow=True).content.decode()


def test_print_page_refused_after_the_check_in_is_undone(gate_client, volunteer, ticket, checkin_list):
    from checkin.services import annul_checkin

    redeem_ticket(ticket.secret, checkin_list, nonce="n-1", gate="Cổng B", user=volunteer)
    annul_checkin("n-1", user=volunteer, checkin_list=checkin_list)
    assert gate_client.get(f"/vi/checkin/badge/{ticket.pk}/").status_code == 404


def test_scanner_without_javascript_links_to_the_badge_after_an_admission(gate_client, ticket):
    page = gate_client.get("/vi/checkin/").content.decode()
    assert 'data-badge-link data-url="/vi/checkin/badge/0/"' in page and "hidden>In thẻ</a>" in page
    token = gate_client.cookies["csrftoken"].value
    admitted = gate_client.post("/vi/checkin/", {"secret": ticket.secret, "csrfmiddlewaretoken": token})
    html = admitted.content.decode()
    link = html[html.index('<a class="button secondary badge-link"') :].split("</a>")[0]
    assert f'href="/vi/checkin/badge/{ticket.pk}/"' in link and " hidden" not in link
    assert "In thẻ: <bdi>Nguyễn Thị Lan</bdi>" in link
    refused = gate_client.post("/vi/checkin/", {"secret": ticket.secret, "csrfmiddlewaretoken": token})
    html = refused.content.decode()
    assert "hidden>In thẻ</a>" in html  # a refused repeat scan: no badge link


def test_the_badge_speaks_the_attendees_language(gate_client, volunteer, checkin_list, ticket_type):
    guest = TicketFactory(ticket_type=ticket_type, attendee_name="Anna Schmidt", order__language="en")
    redeem_ticket(guest.secret, checkin_list, nonce="n-en", gate="Cổng B", user=volunteer)
    page = gate_client.get(f"/vi/checkin/badge/{guest.pk}/").content.decode()
    assert 'lang="en"' in page and ">Business · <bdi>" in page
    assert "In thẻ" in page  # the page around the badge stays in the volunteer's language
