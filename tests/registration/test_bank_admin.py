"""The organisers' bank-transfer pages: matching queue, manual match, refunds, import, reconciliation."""

import csv
import io
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from registration import services
from registration.bank_formats import IncomingTransfer
from registration.models import BankAccount, BankTransfer, Order, OrderStatus, TransferStatus

from .conftest import attendee

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bank"


@pytest.fixture
def order(event, paid_type):
    BankAccount.objects.create(bank_bin="970436", account_number="0071000123456", account_name="DNES")
    placed = services.place_order(
        event=event, email="an@example.com", attendees=[attendee(paid_type)], consent=True
    )
    services.choose_bank_transfer(placed)
    return placed


@pytest.fixture
def unmatched(order):
    incoming = IncomingTransfer("STMT-9", 500_000, '=HYPERLINK("x") chuyen tien', "", timezone.now())
    return services.receive_transfer(incoming, source="statement")[0]


def test_queue_suggests_and_matches_by_hand(admin_client, admin_user, order, unmatched, audit_actions):
    url = reverse("registration_admin:bank_queue")
    page = admin_client.get(url)
    assert page.status_code == 200 and order.reference in page.content.decode()
    response = admin_client.post(
        url, {"action": "match", "transfer": unmatched.pk, "kind": "order", "reference": order.reference}
    )
    assert response.status_code == 302
    unmatched.refresh_from_db()
    order.refresh_from_db()
    assert unmatched.matched_by == admin_user and unmatched.match_method == "manual"
    assert order.status == OrderStatus.CONFIRMED
    # Matching it again says so instead of paying twice.
    admin_client.post(
        url, {"action": "match", "transfer": unmatched.pk, "kind": "order", "reference": order.reference}
    )
    assert BankTransfer.objects.filter(order=order).count() == 1


def test_unknown_reference_is_a_message_not_a_500(admin_client, unmatched):
    url = reverse("registration_admin:bank_queue")
    response = admin_client.post(
        url,
        {"action": "match", "transfer": unmatched.pk, "kind": "order", "reference": "ZZZZZZZZ"},
        follow=True,
    )
    assert response.status_code == 200
    unmatched.refresh_from_db()
    assert unmatched.status == TransferStatus.UNMATCHED


def test_refund_recorded_on_the_transfer_page_shows_in_the_order(admin_client, order):
    incoming = IncomingTransfer("FT-9", 650_000, f"DTD {order.reference}", "", timezone.now())
    transfer = services.receive_transfer(incoming, source="webhook")[0]
    assert transfer.refund_due == 150_000
    url = reverse("registration_admin:bank_transfer", args=[transfer.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url, {"action": "refund", "amount": "150000", "refunded_on": "2026-11-30", "transaction_id": "RF-77"}
    )
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert transfer.refund_due == 0
    page = admin_client.get(reverse("registration_admin:order", args=[order.pk])).content.decode()
    assert "RF-77" in page


def test_cancelling_a_bank_paid_order_owes_the_refund(admin_user, order):
    transfer = services.receive_transfer(
        IncomingTransfer("FT-c", 500_000, f"DTD {order.reference}", "", timezone.now()), source="webhook"
    )[0]
    services.cancel_order(order, user=admin_user, by_organiser=True)
    transfer.refresh_from_db()
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED
    assert transfer.status == TransferStatus.REFUND_DUE and transfer.refund_due == 500_000
    assert order.refunded_amount == 0  # owed, not yet given back


def test_recorded_bank_refund_counts_in_the_order_and_its_history(admin_client, admin_user, order):
    # 650.000 ₫ for a 500.000 ₫ order: 150.000 ₫ excess; then the organiser cancels the order.
    transfer = services.receive_transfer(
        IncomingTransfer("FT-x", 650_000, f"DTD {order.reference}", "", timezone.now()), source="webhook"
    )[0]
    services.cancel_order(order, user=admin_user, by_organiser=True)
    transfer.refresh_from_db()
    assert transfer.refund_due == 650_000 and transfer.refund_due_for_order == 500_000
    url = reverse("registration_admin:bank_transfer", args=[transfer.pk])
    # The excess goes back first: it was never the order's money, so the order's refunded amount stays.
    admin_client.post(
        url, {"action": "refund", "amount": "150000", "refunded_on": "2026-11-30", "transaction_id": "RF-1"}
    )
    order.refresh_from_db()
    assert order.refunded_amount == 0
    admin_client.post(
        url, {"action": "refund", "amount": "200000", "refunded_on": "2026-12-01", "transaction_id": "RF-2"}
    )
    order.refresh_from_db()
    assert order.refunded_amount == 200_000
    admin_client.post(
        url, {"action": "refund", "amount": "300000", "refunded_on": "2026-12-01", "transaction_id": "RF-3"}
    )
    order.refresh_from_db()
    transfer.refresh_from_db()
    assert order.refunded_amount == 500_000
    assert transfer.status == TransferStatus.REFUNDED and transfer.refund_due == 0
    assert transfer.refund_due_for_order == 0
    # Nothing is left to refund: a fourth one is refused and changes nothing.
    admin_client.post(
        url, {"action": "refund", "amount": "1", "refunded_on": "2026-12-01", "transaction_id": "RF-4"}
    )
    order.refresh_from_db()
    assert order.refunded_amount == 500_000 and transfer.refunds.count() == 3
    page = admin_client.get(reverse("registration_admin:order", args=[order.pk])).content.decode()
    history = page[page.rindex("<h2>") :]  # the history is the page's last section
    for words in ("150.000\xa0₫", "RF-1", "200.000\xa0₫", "RF-2", "RF-3"):
        assert words in history, words


def test_a_duplicate_payment_refunded_is_not_the_orders_refund(admin_user, order):
    services.receive_transfer(
        IncomingTransfer("FT-p", 500_000, f"DTD {order.reference}", "", timezone.now()), source="webhook"
    )
    again = services.receive_transfer(
        IncomingTransfer("FT-q", 500_000, f"DTD {order.reference}", "", timezone.now()), source="webhook"
    )[0]
    assert again.status == TransferStatus.REFUND_DUE
    services.record_bank_refund(
        again, amount=500_000, refunded_on=timezone.localdate(), transaction_id="RF-d", user=admin_user
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED and order.refunded_amount == 0


def test_statement_upload(admin_client, order):
    Order.objects.filter(pk=order.pk).update(reference="7KQ2M9XA")
    url = reverse("registration_admin:bank_import")
    assert admin_client.get(url).status_code == 200
    with (FIXTURES / "camt053.xml").open("rb") as statement:
        response = admin_client.post(url, {"layout": "camt053", "statement": statement})
    assert response.status_code == 200 and response.context["result"].matched == 1
    with (FIXTURES / "camt053.xml").open("rb") as statement:
        wrong = admin_client.post(url, {"layout": "vietcombank", "statement": statement})
    assert wrong.status_code == 400 and wrong.context["form"].errors["statement"]
    with (FIXTURES / "generic.csv").open("rb") as statement:
        unnamed = admin_client.post(url, {"layout": "generic", "statement": statement})
    assert unnamed.status_code == 400


def test_reconciliation_csv_and_xlsx(admin_client, order, unmatched):
    services.receive_transfer(
        IncomingTransfer("FT-r", 500_000, f"DTD {order.reference}", "", timezone.now()), source="webhook"
    )
    day = timezone.localdate().isoformat()
    url = reverse("registration_admin:bank_reconciliation")
    assert admin_client.get(url, {"day": day}).status_code == 200
    response = admin_client.get(url, {"day": day, "export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 3 and rows[0][3]
    by_id = {row[2]: row for row in rows[1:]}
    assert by_id["FT-r"][3] == "500000" and by_id["FT-r"][7] == order.reference
    assert by_id["STMT-9"][4].startswith("'=")  # a note is never a formula
    book = load_workbook(io.BytesIO(admin_client.get(url, {"day": day, "export": "xlsx"}).content))
    values = [[cell.value for cell in row] for row in book.active.iter_rows()]
    assert len(values) == 3 and 500_000 in [row[3] for row in values]
    assert admin_client.get(url, {"day": "yesterday"}).status_code == 302


def test_pages_need_permission(client, django_user_model, unmatched):
    user = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for name, args in (
        ("bank_queue", []),
        ("bank_transfer", [unmatched.pk]),
        ("bank_import", []),
        ("bank_reconciliation", []),
    ):
        response = client.get(reverse(f"registration_admin:{name}", args=args))
        assert response.status_code in (302, 403), name
    # Nor does the admin menu offer what it would refuse; those allowed see it.
    queue = reverse("registration_admin:bank_queue")
    assert queue not in client.get(reverse("wagtailadmin_home")).content.decode()
    user.user_permissions.add(Permission.objects.get(codename="view_banktransfer"))
    user = django_user_model.objects.get(pk=user.pk)  # permissions are cached on the instance
    client.force_login(user)
    assert queue in client.get(reverse("wagtailadmin_home")).content.decode()


def test_queue_queries_do_not_grow_with_transfers(admin_client, order, count_queries, event, paid_type):
    url = reverse("registration_admin:bank_queue")
    services.receive_transfer(
        IncomingTransfer("Q-1", 500_000, "khong ro", "", timezone.now()), source="webhook"
    )
    one = count_queries(admin_client, url)
    for n in (2, 3):
        services.place_order(
            event=event,
            email=f"p{n}@example.com",
            attendees=[attendee(paid_type, email=f"p{n}@example.com")],
            consent=True,
        )
        services.receive_transfer(
            IncomingTransfer(f"Q-{n}", 500_000, "khong ro", "", timezone.now()), source="webhook"
        )
    assert count_queries(admin_client, url) == one
