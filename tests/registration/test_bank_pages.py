"""The attendee's side of bank transfers: the choice at checkout, the payment page and its status."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from django.urls import reverse
from django.utils import timezone

from core import vietqr
from registration import services, tokens
from registration.bank_formats import IncomingTransfer
from registration.models import BankAccount, OrderStatus

from .conftest import attendee
from .test_money_and_qr import rasterise_svg

pytestmark = pytest.mark.django_db


@pytest.fixture
def account(db):
    return BankAccount.objects.create(bank_bin="970422", account_number="0905123456", account_name="DNES")


@pytest.fixture
def order(event, paid_type, account):
    return services.place_order(
        event=event, email="an@example.com", attendees=[attendee(paid_type)], consent=True
    )


def test_paid_tickets_sell_with_only_a_bank_account(order):
    assert order.status == OrderStatus.PENDING_PAYMENT and order.total == 500_000


def test_choice_page_then_bank_page(order, client, stripe_settings):
    token = tokens.manage_token(order)
    pay = reverse("registration:pay", args=[token])
    choice = client.get(pay)
    assert choice.status_code == 200
    html = choice.content.decode()
    assert 'value="bank"' in html and 'value="card"' in html
    response = client.post(pay, {"method": "bank"})
    assert response.status_code == 302 and response["Location"].endswith("/pay/bank/")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert f"DTD {order.reference}" in html and "0905123456" in html and "500.000" in html
    assert "MB Bank" in html
    # Bank, account number, account name, amount and note: each with a copy button for what it shows.
    copied = {
        target: re.search(rf'id="{target}">([^<]*)<', html).group(1)
        for target in re.findall(r'data-copy="([^"]+)"', html)
    }
    assert copied == {
        "copy-bank": "MB Bank",
        "copy-account": "0905123456",
        "copy-name": "DNES",
        "copy-amount": "500000",
        "copy-note": f"DTD {order.reference}",
    }
    # The page's own QR code, rasterised and decoded, is the payment the bank app will fill in.
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    parsed = vietqr.parse(zxingcpp.read_barcodes(rasterise_svg(svg))[0].text)
    assert (
        parsed.amount == 500_000
        and parsed.purpose == f"DTD {order.reference}"
        and parsed.account == "0905123456"
    )
    # Back on the payment link later: straight to the bank page.
    assert client.get(pay)["Location"].endswith("/pay/bank/")
    status = client.get(reverse("registration:payment_status", args=[token])).json()
    assert status == {"status": "pending_payment", "paid": False, "received": 0, "remaining": 500_000}


def test_card_choice_goes_to_stripe(order, client, stripe_settings):
    token = tokens.manage_token(order)
    response = client.post(reverse("registration:pay", args=[token]), {"method": "card"})
    order.refresh_from_db()
    assert response.status_code == 302 and response["Location"].endswith("/pay/" + order.stripe_session_id)


def test_unknown_choice_is_400(order, client):
    response = client.post(reverse("registration:pay", args=[tokens.manage_token(order)]), {"method": "cash"})
    assert response.status_code == 400


def test_bank_page_before_choosing_sends_to_the_choice(order, client):
    token = tokens.manage_token(order)
    response = client.get(reverse("registration:pay_bank", args=[token]))
    assert response.status_code == 302 and response["Location"].endswith("/pay/")


def test_bank_page_of_a_paid_order_says_paid(order, client):
    services.choose_bank_transfer(order)
    order.refresh_from_db()
    services.receive_transfer(
        IncomingTransfer("T1", 500_000, f"DTD {order.reference}", "", timezone.now()), source="webhook"
    )
    token = tokens.manage_token(order)
    html = client.get(reverse("registration:pay_bank", args=[token])).content.decode()
    assert 'id="payment-paid" hidden' not in html and 'id="payment-waiting" hidden' in html
    assert client.get(reverse("registration:payment_status", args=[token])).json()["paid"] is True


def test_bank_page_offers_banking_apps_with_the_remainder(order, client, settings):
    settings.SITE_URL = "https://ngaychuyendoiso.example.vn"
    services.choose_bank_transfer(order)
    services.receive_transfer(
        IncomingTransfer("T-part", 200_000, f"DTD {order.reference}", "", timezone.now()), source="webhook"
    )
    token = tokens.manage_token(order)
    url = reverse("registration:pay_bank", args=[token])
    html = client.get(url).content.decode()
    # The QR code is a link to the list (works without JavaScript); each app's link carries the transfer.
    assert 'class="bank-qr-open" href="#bank-apps"' in html and 'id="bank-apps"' in html
    links = re.findall(r'href="(https://dl\.vietqr\.io/pay\?[^"]+)"', html)
    assert len(links) == len(vietqr.app_links(bank_bin="970422", account="1", amount=1, note="x"))
    query = parse_qs(urlsplit(links[0].replace("&amp;", "&")).query)
    assert query["ba"] == ["0905123456@mb"] and query["am"] == ["300000"]
    assert query["tn"] == [f"DTD {order.reference}"]
    assert query["url"] == [f"https://ngaychuyendoiso.example.vn{url}"]


def test_no_app_list_for_a_bank_without_a_known_code(order, client):
    BankAccount.objects.update(bank_bin="970458")  # in the NAPAS list, not in the apps' bank codes
    services.choose_bank_transfer(order)
    html = client.get(reverse("registration:pay_bank", args=[tokens.manage_token(order)])).content.decode()
    assert "dl.vietqr.io" not in html and "bank-qr-open" not in html and 'role="img"' in html
