"""Statement import: each supported layout read from a fixture file, recorded once, matched."""

from pathlib import Path

import pytest
from django.utils import timezone

from registration import services
from registration.bank_formats import TransferFormatError, parse_amount
from registration.models import BankAccount, BankTransfer, Order, OrderStatus, TransferStatus

from .conftest import attendee

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bank"
GENERIC = {"transaction_id": "Ma GD", "transferred_at": "Ngay", "credit": "So tien", "content": "Noi dung"}


@pytest.fixture
def order(event, paid_type):
    BankAccount.objects.create(bank_bin="970436", account_number="0071000123456", account_name="DNES")
    placed = services.place_order(
        event=event, email="an@example.com", attendees=[attendee(paid_type)], consent=True
    )
    Order.objects.filter(pk=placed.pk).update(reference="7KQ2M9XA")
    placed.refresh_from_db()
    services.choose_bank_transfer(placed)
    return placed


@pytest.mark.parametrize(
    ("name", "layout", "mapping", "new", "errors"),
    [
        ("vietcombank.csv", "vietcombank", None, 2, 1),
        ("techcombank.csv", "techcombank", None, 1, 0),
        ("generic.csv", "generic", GENERIC, 2, 0),
        ("camt053.xml", "camt053", None, 2, 0),
    ],
)
def test_each_layout_records_credits_and_pays_the_order(
    order, admin_user, name, layout, mapping, new, errors
):
    data = (FIXTURES / name).read_bytes()
    result = services.import_statement(data, layout=layout, mapping=mapping, user=admin_user)
    assert (result.new, len(result.errors), result.matched) == (new, errors, 1), result
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    paid = BankTransfer.objects.get(order=order)
    assert paid.amount == 500_000 and paid.status == TransferStatus.MATCHED
    assert paid.source == f"statement:{layout}"
    assert BankTransfer.objects.filter(status=TransferStatus.UNMATCHED).count() == new - 1
    # The same statement again records nothing new.
    again = services.import_statement(data, layout=layout, mapping=mapping, user=admin_user)
    assert (again.new, again.duplicates) == (0, new)


def test_camt053_reads_amounts_dates_and_notes(order):
    services.import_statement((FIXTURES / "camt053.xml").read_bytes(), layout="camt053")
    other = BankTransfer.objects.get(transaction_id="VCB-CAMT-0003")
    assert other.amount == 750_000 and other.content == "Thanh toan gian hang"
    assert timezone.localtime(other.transferred_at).isoformat() == "2026-11-28T00:00:00+07:00"


@pytest.mark.parametrize(
    ("layout", "data"),
    [
        ("vietcombank", b"a,b,c\n1,2,3\n"),
        ("camt053", b"<Document><nothing/></Document>"),
        ("camt053", b"not xml"),
        ("vietcombank", "Ngày giao dịch".encode("utf-16")),
        ("nobank", b""),
    ],
)
def test_unreadable_files_are_refused_with_a_message(layout, data, db):
    with pytest.raises(TransferFormatError) as refused:
        services.import_statement(data, layout=layout)
    assert str(refused.value)
    assert not BankTransfer.objects.exists()


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("500000", 500_000),
        ("500.000", 500_000),
        ("500,000", 500_000),
        ("1.500.000 ₫", 1_500_000),
        ("500000.00", 500_000),
        ("1,500,000.00", 1_500_000),
        ("2.000.000 VND", 2_000_000),
        (250_000, 250_000),
    ],
)
def test_amounts_are_whole_dong(text, amount):
    assert parse_amount(text) == amount


@pytest.mark.parametrize("text", ["500000.50", "12.5", "-500", "0", "abc", 500000.0, True, None])
def test_amounts_that_are_not_whole_dong_are_refused(text):
    with pytest.raises(TransferFormatError):
        parse_amount(text)
