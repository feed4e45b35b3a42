"""The organisers' report in the admin: real counts, charts with their tables, downloads, permission."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Site

from certificates import services as certificates
from consultations.models import CommentStatus
from tests.certificates.conftest import past_class
from tests.factories.checkin import CheckInFactory, CheckInListFactory
from tests.factories.consultations import ConsultationCommentFactory, ConsultationPageFactory
from tests.factories.content import SupportRequestFactory
from tests.factories.events import EventPageFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory
from tests.reports.test_open_data import grow, started_event

pytestmark = pytest.mark.django_db

URL = "/admin/statistics/"


@pytest.fixture
def event():
    """Three registrations (a count the open data withholds), two of them admitted."""
    event = EventPageFactory(title="Ngày Chuyển đổi số 2026")
    ticket_type = TicketTypeFactory(event=event)
    people = [TicketFactory(ticket_type=ticket_type, category="student") for _ in range(3)]
    gate = CheckInListFactory(event=event)
    for ticket in people[:2]:
        CheckInFactory(checkin_list=gate, ticket=ticket)
    return event


def staff(django_user_model, *codenames):
    user = django_user_model.objects.create_user("can-bo", password="x")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    return user


def test_staff_with_the_permission_see_real_counts_with_charts_and_tables(client, django_user_model, event):
    client.force_login(staff(django_user_model, "view_reports"))

    response = client.get(URL, {"event": event.pk})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Báo cáo: Ngày Chuyển đổi số 2026" in html  # Vietnamese first
    assert '"url": "/admin/statistics/"' in html  # the menu item
    charts = re.findall(r'<svg class="report-chart" role="img" aria-label="([^"]+)"', html)
    assert "Lượt đăng ký theo ngày, biểu đồ cột" in charts
    # Every bar carries its value as text; every chart is followed by its table.
    followed = re.findall(r"</svg>\s*<table class=\"listing\">", html)
    assert len(followed) == len(charts) >= 5
    assert re.search(r'font-weight="bold" fill="currentColor">3</text>', html)
    assert re.search(r"<th scope=\"row\">Sinh viên</th><td>3</td>", html)  # not withheld here
    assert f'href="/api/v1/stats/events/{event.pk}/"' in html


def test_the_year_report_adds_up_the_events(admin_client, event):
    other = EventPageFactory(starts_at=event.starts_at, ends_at=event.ends_at)
    TicketFactory(ticket_type=TicketTypeFactory(event=other), category="student")

    html = admin_client.get(URL, {"year": event.starts_at.year}).content.decode()

    assert f"Báo cáo năm {event.starts_at.year}" in html
    assert '<th scope="row">Sinh viên</th><td>4</td>' in html
    assert f'<th scope="row">{event.title}</th><td>3</td>' in html  # registrations by event


def test_refused_without_the_permission(client, django_user_model, event):
    client.force_login(staff(django_user_model))
    refused = client.get(URL, {"event": event.pk})
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"url": "/admin/statistics/"' not in home


def test_anonymous_are_sent_to_the_login(client, event):
    response = client.get(URL, {"event": event.pk})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_csv_and_xlsx_download_of_a_table(admin_client, event):
    response = admin_client.get(URL, {"event": event.pk, "table": "attendee_categories", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert f"report-event-{event.pk}-attendee_categories.csv" in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert lines[0] == ["key", "Mục", "Số lượng"]
    assert ["student", "Sinh viên", "3"] in lines

    response = admin_client.get(URL, {"event": event.pk, "table": "totals", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert ["registrations", "Lượt đăng ký (đã xác nhận)", 3] in rows
    assert ["attendees", "Người tham dự (đã check-in)", 2] in rows


@pytest.mark.parametrize(
    "params",
    [{"event": "abc"}, {"event": "999999"}, {"event": "1", "table": "nope", "export": "csv"}],
)
def test_bad_input_is_a_404_not_a_500(admin_client, event, params):
    if params.get("table") == "nope":
        params = {**params, "event": event.pk}
    assert admin_client.get(URL, params).status_code == 404


def test_a_bad_year_says_so_and_shows_this_year(admin_client, event):
    response = admin_client.get(URL, {"year": "20x6"}, follow=True)
    assert response.status_code == 200
    assert "Chọn một năm từ 2000 đến 2100." in response.content.decode()


def test_the_event_report_costs_the_same_at_any_size(admin_client, count_queries):
    small, large = started_event(), started_event()
    grow(small, 1)
    grow(large, 3)
    assert count_queries(admin_client, f"{URL}?event={small.pk}") == count_queries(
        admin_client, f"{URL}?event={large.pk}"
    )


def test_the_year_report_counts_certificates_support_requests_and_consultation_comments(admin_client):
    skills_class = past_class(title="Lớp kỹ năng số: Thanh toán số")
    gate = CheckInListFactory(event=skills_class)
    for ticket in [TicketFactory(ticket_type=TicketTypeFactory(event=skills_class)) for _ in range(2)]:
        CheckInFactory(checkin_list=gate, ticket=ticket)
    assert certificates.issue_for_class(skills_class) == 2
    now = timezone.now()
    SupportRequestFactory(first_reply_at=now + timedelta(hours=3), closed_at=now + timedelta(hours=5))
    SupportRequestFactory()
    home = Site.objects.get(is_default_site=True).root_page  # made with the class's event page
    draft = ConsultationPageFactory(parent=home, title="Dự thảo kế hoạch số")
    ConsultationCommentFactory(consultation=draft)
    ConsultationCommentFactory(consultation=draft, status=CommentStatus.PENDING)
    ConsultationCommentFactory(consultation=draft, status=CommentStatus.PENDING_CONFIRMATION)

    html = admin_client.get(URL, {"year": now.year}).content.decode()

    assert '<th scope="row">Lớp kỹ năng số: Thanh toán số</th><td>2</td>' in html  # certificates
    assert '<th scope="row">Đã nhận</th><td>2</td>' in html  # support requests received
    assert '<th scope="row">Đến khi trả lời lần đầu</th><td>3</td>' in html  # median hours
    # Confirmed comments count, whatever their moderation; unconfirmed ones do not.
    assert '<th scope="row">Dự thảo kế hoạch số</th><td>2</td>' in html
