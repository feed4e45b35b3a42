"""Booth fees paid by bank transfer: the portal shows the VietQR code, the transfer confirms the booth."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from django.urls import reverse
from django.utils import timezone

from core import vietqr
from exhibitors import services as exhibitor_services
from exhibitors.models import ApplicationStatus
from registration import services
from registration.bank_formats import IncomingTransfer
from registration.models import BankAccount, TransferStatus
from tests.factories.exhibitors import (
    ApplicationFactory,
    BoothPackageFactory,
    ExhibitorFactory,
    ExhibitorMemberFactory,
)

from .test_money_and_qr import rasterise_svg

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(event, admin_user):
    BankAccount.objects.create(bank_bin="970407", account_number="19036512345018", account_name="DNES")
    package = BoothPackageFactory(event=event, price=5_000_000, count_available=2)
    application = ApplicationFactory(exhibitor=ExhibitorFactory(), package=package)
    exhibitor_services.approve_application(application, user=admin_user)
    application.refresh_from_db()
    assert application.needs_payment and application.amount == 5_000_000
    return application


def transfer(reference_note, amount, tid):
    incoming = IncomingTransfer(tid, amount, reference_note, "19036512345018", timezone.now())
    return services.receive_transfer(incoming, source="webhook")[0]


def test_portal_shows_the_booth_vietqr(client, application):
    member = ExhibitorMemberFactory(exhibitor=application.exhibitor).user
    client.force_login(member)
    html = client.get(
        reverse("exhibitors:portal_dashboard", kwargs={"exhibitor_id": application.exhibitor_id})
    ).content.decode()
    note = "DTD " + application.reference.replace("-", "")
    assert note in html and "19036512345018" in html
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    parsed = vietqr.parse(zxingcpp.read_barcodes(rasterise_svg(svg))[0].text)
    assert parsed.amount == 5_000_000 and parsed.purpose == note and parsed.bank_bin == "970407"


def test_transfer_in_two_parts_confirms_the_booth(application):
    compact = application.reference.replace("-", "")
    first = transfer(f"cong ty ABC dtd {compact.lower()} dat coc", 2_000_000, "B-1")
    assert first.status == TransferStatus.PARTIAL and first.kind == "booth"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert exhibitor_services.booth_bank_details(application).amount == 3_000_000
    second = transfer(f"DTD {application.reference}", 3_500_000, "B-2")
    assert second.status == TransferStatus.OVERPAID and second.refund_due == 500_000
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONFIRMED and application.payment_reference == "B-2"
    again = transfer(f"DTD {compact}", 5_000_000, "B-3")
    assert again.status == TransferStatus.REFUND_DUE


def test_unmatched_booth_transfer_is_suggested_and_matched_by_hand(application, admin_user):
    unknown = transfer("CONG TY ABC THANH TOAN GIAN HANG", 5_000_000, "B-9")
    assert unknown.status == TransferStatus.UNMATCHED
    suggested = services.suggestions(unknown)
    assert [(s.kind, s.reference) for s in suggested][:1] == [("booth", application.reference)]
    services.match_manually(unknown, kind="booth", reference=application.reference, user=admin_user)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONFIRMED


def test_portal_booth_qr_offers_banking_apps(client, application):
    member = ExhibitorMemberFactory(exhibitor=application.exhibitor).user
    client.force_login(member)
    html = client.get(
        reverse("exhibitors:portal_dashboard", kwargs={"exhibitor_id": application.exhibitor_id})
    ).content.decode()
    # The booth's QR code links to its own list of banking apps, each carrying the booth fee's transfer.
    list_id = f"bank-apps-{application.pk}"
    assert f'class="bank-qr-open" href="#{list_id}"' in html and f'id="{list_id}"' in html
    links = re.findall(r'href="(https://dl\.vietqr\.io/pay\?[^"]+)"', html)
    assert links
    query = parse_qs(urlsplit(links[0].replace("&amp;", "&")).query)
    assert query["ba"] == ["19036512345018@tcb"] and query["am"] == ["5000000"]
    assert query["tn"] == ["DTD " + application.reference.replace("-", "")]
