"""The webhook and an organiser's manual match for the same order at the same moment: paid once."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from registration import services
from registration.bank_formats import IncomingTransfer
from registration.models import BankAccount, BankTransfer, OrderStatus, SentEmail, TransferStatus
from tests.factories.events import EventPageFactory
from tests.factories.registration import TicketTypeFactory

from .conftest import attendee

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
# Without the order's row lock this race is lost about one time in three: several rounds catch it.
ROUNDS = 6


@pytest.fixture
def ticket_type(site_pages):
    """A 500.000 ₫ ticket type of an event paid into the organisers' bank account."""
    BankAccount.objects.create(bank_bin="970436", account_number="0071000123456", account_name="DNES")
    return TicketTypeFactory(event=EventPageFactory(), price=500_000, capacity=50)


def bank_order(ticket_type, email):
    """An order of one ticket, waiting for a bank transfer."""
    order = services.place_order(
        event=ticket_type.event, email=email, attendees=[attendee(ticket_type)], consent=True
    )
    services.choose_bank_transfer(order)
    return order


def test_webhook_and_manual_match_at_once_pay_the_order_once(run_parallel, ticket_type):
    organiser = get_user_model().objects.create_superuser("organiser", "o@example.com", "x")
    for round_ in range(ROUNDS):
        order = bank_order(ticket_type, f"an{round_}@example.com")
        # The same payment seen twice: once unmatched from a statement (the note lost its reference) ...
        unmatched, _ = services.receive_transfer(
            IncomingTransfer(f"STMT-{round_}", 500_000, "chuyen tien", "", timezone.now()), source="statement"
        )
        assert unmatched.status == TransferStatus.UNMATCHED

        def work(index, order=order, unmatched=unmatched, round_=round_):
            if index == 0:  # ... and once from the bank's notification, with it
                incoming = IncomingTransfer(
                    f"HOOK-{round_}", 500_000, f"DTD {order.reference}", "", timezone.now()
                )
                return services.receive_transfer(incoming, source="webhook")[0].status
            return services.match_manually(
                unmatched, kind="order", reference=order.reference, user=organiser
            ).status

        results = run_parallel(2, work)
        assert not [r for r in results if isinstance(r, Exception)], results
        assert sorted(results) == sorted([TransferStatus.MATCHED, TransferStatus.REFUND_DUE]), round_
        order.refresh_from_db()
        assert order.status == OrderStatus.CONFIRMED
        assert BankTransfer.objects.filter(order=order, status=TransferStatus.MATCHED).count() == 1
        assert BankTransfer.objects.get(order=order, status=TransferStatus.REFUND_DUE).refund_due == 500_000
        assert SentEmail.objects.filter(order=order, kind="confirmation").count() == 1


def test_a_refund_recorded_while_its_order_is_cancelled_does_not_deadlock(run_parallel, ticket_type):
    """An organiser records the refund of an overpayment while another cancels the order: both lock the
    order and the transfer, in the same order, so neither waits for the other forever."""
    organiser = get_user_model().objects.create_superuser("organiser", "o@example.com", "x")
    for round_ in range(ROUNDS):
        order = bank_order(ticket_type, f"binh{round_}@example.com")
        incoming = IncomingTransfer(f"OVER-{round_}", 600_000, f"DTD {order.reference}", "", timezone.now())
        overpaid = services.receive_transfer(incoming, source="webhook")[0]
        assert (overpaid.status, overpaid.refund_due) == (TransferStatus.OVERPAID, 100_000)

        def work(index, order=order, overpaid=overpaid, round_=round_):
            if index == 0:
                return services.record_bank_refund(
                    overpaid,
                    amount=100_000,
                    refunded_on=timezone.localdate(),
                    transaction_id=f"REFUND-{round_}",
                    user=organiser,
                ).amount
            return services.cancel_order(order, user=organiser, by_organiser=True).status

        results = run_parallel(2, work)
        assert results == [100_000, OrderStatus.REFUNDED], round_
        overpaid.refresh_from_db()
        # Whichever came first: the excess given back, the order's 500.000 ₫ now owed back.
        assert (overpaid.status, overpaid.refund_due) == (TransferStatus.REFUND_DUE, 500_000)
