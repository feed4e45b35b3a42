"""An attendee whose data lives everywhere: an order with a workshop seat, e-mails sent, consents, a
gate scan, two exhibitors' leads (one with the exhibitor's notes), a support request with the same e-mail."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from registration import services
from registration.services import AttendeeData


@dataclass
class Visitor:
    order: object
    ticket: object
    leads: list
    exhibitors: list
    scan: object
    support_request: object
    seat_session: object


def attendee(ticket_type, sessions=(), **extra):
    values = {
        "name": "Nguyễn Văn An",
        "email": "an@example.com",
        "phone": "+84905123456",
        "organisation": "Sở Thông tin và Truyền thông",
        "job_title": "Chuyên viên",
        "category": "government",
        **extra,
    }
    return AttendeeData(ticket_type=ticket_type, session_ids=[s.pk for s in sessions], **values)


@pytest.fixture(autouse=True)
def _language_back_to_default(settings):
    """Requests to /en/ leave English active in this thread (LocaleMiddleware): later tests expect vi."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def event(db, site_pages):
    from tests.factories.events import EventPageFactory

    return EventPageFactory(title="Ngày Chuyển đổi số 2027", slug="ngay-chuyen-doi-so-2027")


@pytest.fixture
def ticket_type(event):
    from tests.factories.registration import TicketTypeFactory

    return TicketTypeFactory(event=event, name_vi="Vé tham dự", name_en="Admission")


@pytest.fixture
def workshop(event):
    from tests.factories.events import SessionFactory

    start = event.starts_at + timedelta(hours=2)
    return SessionFactory(
        event=event,
        title_vi="Hội thảo dữ liệu mở",
        title_en="Open data workshop",
        requires_signup=True,
        capacity=5,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )


def confirmed_exhibitor(event, name, number):
    from tests.factories.exhibitors import ApplicationFactory, BoothFactory, ExhibitorMemberFactory

    member = ExhibitorMemberFactory(exhibitor__name=name)
    booth = BoothFactory(event=event, hall="A", number=number)
    ApplicationFactory(
        exhibitor=member.exhibitor, package__event=event, event=event, status="confirmed", booth=booth
    )
    return member


@pytest.fixture
def exhibitor_members(event):
    return [
        confirmed_exhibitor(event, "Công ty Sông Hàn", "A01"),
        confirmed_exhibitor(event, "Công ty Ngũ Hành Sơn", "A02"),
    ]


@pytest.fixture
def visitor(event, ticket_type, workshop, exhibitor_members, django_capture_on_commit_callbacks, site_pages):
    from checkin.models import CheckIn
    from content.models import SupportRequest
    from exhibitors import services as exhibitor_services
    from tests.factories.checkin import CheckInListFactory

    with django_capture_on_commit_callbacks(execute=True):
        order = services.place_order(
            event=event,
            email="An@Example.com",
            attendees=[attendee(ticket_type, sessions=[workshop])],
            consent=True,
            share_with_exhibitors=True,
            language="vi",
        )
        services.confirm_email(order)
    ticket = order.tickets.get()
    leads = []
    for member in exhibitor_members:
        lead, _created = exhibitor_services.record_lead(
            member.exhibitor, secret=ticket.secret, user=member.user
        )
        leads.append(lead)
    exhibitor_services.update_lead(
        leads[0], user=exhibitor_members[0].user, note="Quan tâm đến nền tảng IOC, gọi lại thứ Hai", rating=5
    )
    scan = CheckIn.objects.create(
        ticket=ticket,
        checkin_list=CheckInListFactory(event=event, name="Cổng chính"),
        gate="Cổng A",
        raw_code=ticket.secret,
    )
    # A certificate of attendance with their name (certificates; erasure deletes it).
    from certificates.models import Certificate

    Certificate.objects.create(event=event, ticket=ticket, name=ticket.attendee_name)
    support = SupportRequest.objects.create(
        name="Nguyễn Văn An",
        email="an@example.com",
        phone="+84905123456",
        topic=SupportRequest.Topic.choices[0][0],
        message="Tôi muốn đổi hội thảo.",
        consent_at=timezone.now(),
        consent_text="Tôi đồng ý.",
    )
    support.replies.create(body="Chào anh An, anh đã được chuyển sang hội thảo B.")
    from participation.models import SessionFeedback

    SessionFeedback.objects.create(
        session=workshop, ticket=ticket, rating=4, most_useful="Phần demo.", should_change="Phòng hơi nóng."
    )
    # A bank transfer whose note carries the payer's name, as banks write it.
    order.bank_transfers.create(
        transaction_id="FT-VISITOR-1",
        source="webhook",
        amount=1,
        content=f"NGUYEN VAN AN chuyen tien DTD {order.reference}",
        transferred_at=timezone.now(),
        kind="order",
        reference=order.reference,
    )
    # An announcement's log line for their address, and their choice to receive no more (messaging).
    from messaging.models import Announcement, AnnouncementOptOut

    announcement = Announcement.objects.create(
        subject_vi="Đổi cổng",
        subject_en="Gate",
        body_vi="Cổng 2.",
        body_en="Gate 2.",
        audience="event",
        event=event,
    )
    announcement.recipients.create(email="an@example.com", status="sent", sent_at=timezone.now())
    AnnouncementOptOut.objects.create(email="an@example.com")
    # A comment on a draft, sent with the same address (consultations).
    from tests.factories.consultations import ConsultationCommentFactory, ConsultationPageFactory

    ConsultationCommentFactory(
        consultation=ConsultationPageFactory(parent=site_pages[0]),
        name="Nguyễn Văn An",
        email="An@Example.com",
        organisation="Sở Thông tin và Truyền thông",
    )
    order.refresh_from_db()
    return Visitor(
        order=order,
        ticket=ticket,
        leads=leads,
        exhibitors=[m.exhibitor for m in exhibitor_members],
        scan=scan,
        support_request=support,
        seat_session=workshop,
    )
