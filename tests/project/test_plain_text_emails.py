"""Plain-text e-mails show names as typed: never `&amp;`, `&quot;` or `&lt;`.

Every e-mail the platform sends goes through one test here, built by the code that sends it, with a
company, product, event, attendee and reason holding `&`, quotes and `<`.
"""

import re

import pytest
from django.core import mail
from django.utils.timezone import now

from content.models import SupportRequest
from content.tasks import notify_organisers_of_support_request
from exhibitors.services.emails import send_email
from registration.emails import build_message
from registration.models import BankAccount, OrderStatus
from registration.services import erase_personal_data
from tests.factories.events import EventPageFactory
from tests.factories.exhibitors import ApplicationFactory, ExhibitorFactory, ProductFactory
from tests.factories.registration import OrderFactory, TicketFactory

pytestmark = pytest.mark.django_db

COMPANY = 'Sông Hàn & "Tôm" <Lab>'
EVENT = "Hội thảo “AI & Dữ liệu” <2027> 'mở'"
PERSON = 'Trần & O\'Neil "Bé" <An>'
PRODUCT = 'Cảm biến ao tôm "SmartPond" & <Pro>'
REASON = 'Thiếu ảnh & mô tả "chi tiết" <bắt buộc>'
ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")

REGISTRATION_KINDS = [
    "confirm_email",
    "confirmation",
    "awaiting_approval",
    "approved_pay",
    "rejected",
    "cancelled",
    "promoted",
    "late_payment_refunded",
    "payment_failed",
    "pay_by_bank",
    "bank_reminder",
    "bank_refund_due",
]
EXHIBITOR_KINDS = [
    "application_submitted",
    "application_approved",
    "application_confirmed",
    "application_rejected",
    "application_cancelled",
    "member_invited",
    "product_approved",
    "product_rejected",
    "leads_erased",
]


@pytest.fixture
def event(site_pages):
    return EventPageFactory(title=EVENT)


def assert_plain(text, *shown):
    assert ENTITY.findall(text) == []
    for value in shown:
        assert value in text


@pytest.mark.parametrize("kind", REGISTRATION_KINDS)
def test_registration_emails(kind, event):
    BankAccount.objects.create(
        bank_bin="970436", account_number="0071000123456", account_name="SO TTTT DA NANG"
    )
    pending = kind in ("pay_by_bank", "bank_reminder")
    order = OrderFactory(
        event=event,
        status=OrderStatus.PENDING_PAYMENT if pending else OrderStatus.CONFIRMED,
        total=500_000,
    )
    TicketFactory(order=order, attendee_name=PERSON, ticket_type__event=event)
    message = build_message(order, kind)
    assert_plain(message.subject + message.body, EVENT)
    if kind == "confirmation":
        assert PERSON in message.body
    if pending:
        assert "0071000123456" in message.body  # the bank part was rendered


@pytest.mark.parametrize("kind", EXHIBITOR_KINDS)
def test_exhibitor_emails(kind, event, django_capture_on_commit_callbacks):
    exhibitor = ExhibitorFactory(name=COMPANY, contact_name=PERSON)
    application = ApplicationFactory(
        exhibitor=exhibitor, package__event=event, contact_name=PERSON, reason=REASON
    )
    product = ProductFactory(exhibitor=exhibitor, name_vi=PRODUCT, name_en=PRODUCT, review_reason=REASON)
    context = {
        "application": application,
        "event": event,
        "exhibitor": exhibitor,
        "product": product,
        "count": 2,
        "portal_url": "https://example.com/portal/?a=1&b=2",
        "public_url": "https://example.com/p/?a=1&b=2",
        "invitation_url": "https://example.com/invite/?a=1&b=2",
    }
    with django_capture_on_commit_callbacks(execute=True):
        send_email(kind, "lienhe@example.com", context)
    (sent,) = mail.outbox
    shown = {
        "application": [EVENT, PERSON],
        "member": [COMPANY],
        "product": [PRODUCT],
        "leads": ["?a=1&b=2"],
    }[kind.split("_")[0]]
    if kind.endswith(("rejected", "cancelled")):
        shown = [*shown, REASON]
    assert_plain(sent.subject + sent.body, *shown)


def test_the_support_request_email(settings):
    settings.ORGANISER_EMAILS = ["bantochuc@example.vn"]
    request = SupportRequest.objects.create(
        name=PERSON, email="an@example.com", topic="other", message=REASON, language="vi", consent_at=now()
    )
    notify_organisers_of_support_request(request.pk)
    (sent,) = mail.outbox
    assert_plain(sent.subject + sent.body, PERSON, REASON)


def test_the_erasure_confirmation_email(event, django_capture_on_commit_callbacks):
    order = OrderFactory(event=event)
    TicketFactory(order=order, attendee_name=PERSON, ticket_type__event=event)
    with django_capture_on_commit_callbacks(execute=True):
        erase_personal_data(order)
    erasure = [m for m in mail.outbox if m.to == [order.email]][-1]
    assert_plain(erasure.subject + erasure.body, EVENT)
