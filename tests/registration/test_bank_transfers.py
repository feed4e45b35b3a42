"""Bank transfers (VietQR): choosing them, the webhook, matching (tolerant of mangled notes), partial,
over and late payments, the unmatched queue, manual matching, refunds, and the webhook/manual race."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from core import vietqr
from registration import services
from registration.bank_details import order_payment_details, transfer_note
from registration.bank_formats import TransferFormatError
from registration.models import BankAccount, BankTransfer, MatchMethod, Order, OrderStatus, TransferStatus
from registration.services import bank_webhook
from registration.services.bank_webhook import sign

from .conftest import attendee

pytestmark = pytest.mark.django_db
SECRET = "bank-webhook-test-secret"
URL = "/payments/bank/webhook/"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bank"


@pytest.fixture
def account(db, settings):
    settings.BANK_WEBHOOK_SECRET = SECRET
    settings.BANK_WEBHOOK_FORMAT = "platform"
    return BankAccount.objects.create(
        bank_bin="970436", account_number="0071000123456", account_name="SO THONG TIN TRUYEN THONG DA NANG"
    )


@pytest.fixture
def order(event, paid_type, account, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        placed = services.place_order(
            event=event, email="an@example.com", attendees=[attendee(paid_type)], consent=True
        )
        services.choose_bank_transfer(placed)
    placed.refresh_from_db()
    return placed


def notify(client, *, transaction_id, amount, content, when=None, secret=SECRET, signature=None, raw=None):
    body = (
        raw
        or json.dumps(
            {
                "transaction_id": transaction_id,
                "amount": amount,
                "content": content,
                "account_number": "0071000123456",
                "transferred_at": (when or timezone.now()).isoformat(),
            }
        ).encode()
    )
    headers = {"HTTP_X_SIGNATURE": signature if signature is not None else sign(body, secret)}
    return client.post(URL, data=body, content_type="application/json", **headers)


def test_choosing_bank_transfer_holds_48_hours_and_mails_the_qr(order, paid_type):
    assert order.status == OrderStatus.PENDING_PAYMENT and order.payment_method == "bank"
    assert order.expires_at - timezone.now() > dt.timedelta(hours=47)
    message = mail.outbox[-1]
    assert "DTD " + order.reference in message.body and "500.000" in message.body
    assert "0071000123456" in message.body
    images = [
        part for part in message.attachments if getattr(part, "get_content_type", lambda: "")() == "image/png"
    ]
    assert len(images) == 1


def test_exact_amount_confirms_and_sends_tickets(
    order, client, django_capture_on_commit_callbacks, audit_actions
):
    with django_capture_on_commit_callbacks(execute=True):
        response = notify(client, transaction_id="FT1", amount=500_000, content=f"DTD {order.reference}")
    assert response.status_code == 200
    assert response.json()["matched"] is True and response.json()["order"] == order.reference
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED and order.paid_at and order.payment_method == "bank"
    transfer = BankTransfer.objects.get(transaction_id="FT1")
    assert transfer.status == TransferStatus.MATCHED and transfer.match_method == MatchMethod.AUTOMATIC
    assert transfer.matched_at and transfer.matched_by is None
    assert "registration.payment_received" in audit_actions(order)
    assert order.emails.filter(kind="confirmation").count() == 1


@pytest.mark.parametrize(
    "note",
    [
        "DTD {ref}",
        "dtd {lower}",
        "DTD{ref}",
        "NGUYEN VAN AN chuyen tien DTD {ref} ve hoi thao",
        "MBVCB.3278907687.DTD{ref}.CT tu 0123456789 NGUYEN VAN AN",
        "Đ.T.D - {spaced}",
        "thanh toán vé {ref} cảm ơn",
        "{lower}",
    ],
)
def test_notes_mangled_by_banking_apps_still_match(order, client, note):
    ref = order.reference
    content = note.format(ref=ref, lower=ref.lower(), spaced=" ".join(ref[i : i + 2] for i in range(0, 8, 2)))
    response = notify(client, transaction_id="FT-mangled", amount=500_000, content=content)
    assert response.json()["matched"] is True, content
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED


def test_partial_then_remainder(order, client):
    first = notify(client, transaction_id="FT-a", amount=200_000, content=f"DTD {order.reference}")
    assert first.json()["status"] == "partial"
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    details = order_payment_details(order)
    assert details.received == 200_000 and details.amount == 300_000
    second = notify(client, transaction_id="FT-b", amount=300_000, content=f"DTD {order.reference}")
    assert second.json()["status"] == "matched"
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED


def test_overpaid_confirms_and_flags_the_excess(order, client, audit_actions):
    response = notify(client, transaction_id="FT-over", amount=600_000, content=f"DTD {order.reference}")
    assert response.json()["status"] == "overpaid"
    transfer = BankTransfer.objects.get(transaction_id="FT-over")
    assert transfer.refund_due == 100_000
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    assert "registration.bank_transfer_overpaid" in audit_actions(order)


def test_late_payment_with_places_left_is_confirmed(order, client):
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - dt.timedelta(hours=1))
    services.expire_orders()
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    response = notify(client, transaction_id="FT-late", amount=500_000, content=f"DTD {order.reference}")
    assert response.json()["status"] == "matched"
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED


def test_late_payment_when_sold_out_is_flagged_for_refund(
    order, client, event, paid_type, django_capture_on_commit_callbacks
):
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - dt.timedelta(hours=1))
    services.expire_orders()
    paid_type.capacity = 1
    paid_type.save()
    other = services.place_order(
        event=event, email="b@example.com", attendees=[attendee(paid_type)], consent=True
    )
    assert other.status == OrderStatus.PENDING_PAYMENT
    with django_capture_on_commit_callbacks(execute=True):
        response = notify(client, transaction_id="FT-late2", amount=500_000, content=f"DTD {order.reference}")
    assert response.json()["status"] == "refund_due"
    transfer = BankTransfer.objects.get(transaction_id="FT-late2")
    assert transfer.refund_due == 500_000
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    assert order.emails.filter(kind="bank_refund_due").count() == 1


def test_unknown_reference_waits_in_the_queue_then_matched_by_hand(order, client, admin_user):
    response = notify(client, transaction_id="FT-x", amount=500_000, content="chuyen khoan ve hoi thao")
    assert response.status_code == 200 and response.json() == {
        **response.json(),
        "matched": False,
        "order": None,
        "status": "unmatched",
    }
    transfer = BankTransfer.objects.get(transaction_id="FT-x")
    suggested = services.suggestions(transfer)
    assert suggested and suggested[0].reference == order.reference
    services.match_manually(transfer, kind="order", reference=order.reference.lower(), user=admin_user)
    transfer.refresh_from_db()
    order.refresh_from_db()
    assert transfer.match_method == MatchMethod.MANUAL and transfer.matched_by == admin_user
    assert order.status == OrderStatus.CONFIRMED
    with pytest.raises(services.RegistrationError):
        services.match_manually(transfer, kind="order", reference=order.reference, user=admin_user)


def test_second_transfer_for_a_paid_order_is_to_refund(order, client):
    notify(client, transaction_id="FT-1", amount=500_000, content=f"DTD {order.reference}")
    again = notify(client, transaction_id="FT-2", amount=500_000, content=f"DTD {order.reference}")
    assert again.json()["status"] == "refund_due"


def test_duplicate_delivery_is_recorded_once(order, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(client, transaction_id="FT-dup", amount=500_000, content=f"DTD {order.reference}")
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        replay = notify(client, transaction_id="FT-dup", amount=500_000, content=f"DTD {order.reference}")
    assert first.status_code == replay.status_code == 200
    assert replay.json()["duplicate"] is True and replay.json()["order"] == order.reference
    assert BankTransfer.objects.filter(transaction_id="FT-dup").count() == 1
    assert len(mail.outbox) == sent


@pytest.mark.parametrize(
    "signature",
    ["", "sha256=" + "0" * 64, "deadbeef", None],
)
def test_unsigned_or_wrongly_signed_is_401_and_records_nothing(order, client, signature):
    kwargs = {"secret": "another-secret"} if signature is None else {"signature": signature}
    response = notify(
        client, transaction_id="FT-forged", amount=500_000, content=f"DTD {order.reference}", **kwargs
    )
    assert response.status_code == 401 and response.json()["reason"] == "invalid_signature"
    assert not BankTransfer.objects.exists()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_no_secret_configured_refuses_everything(order, client, settings):
    settings.BANK_WEBHOOK_SECRET = ""
    response = notify(client, transaction_id="FT-n", amount=500_000, content="x", secret="")
    assert response.status_code == 401 and not BankTransfer.objects.exists()


def test_stale_notification_is_refused(order, client):
    old = timezone.now() - dt.timedelta(days=10)
    response = notify(
        client, transaction_id="FT-old", amount=500_000, content=f"DTD {order.reference}", when=old
    )
    assert response.status_code == 400 and response.json()["reason"] == "stale"
    assert not BankTransfer.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        json.dumps(
            {"transaction_id": "T", "amount": 500000.0, "content": "", "transferred_at": "2026-01-01"}
        ).encode(),
        json.dumps(
            {"transaction_id": "T", "amount": "500000", "content": "", "transferred_at": "x"}
        ).encode(),
        json.dumps({"amount": 5, "content": "", "transferred_at": "2026-01-01T00:00:00Z"}).encode(),
    ],
)
def test_malformed_signed_bodies_are_400(order, client, body):
    response = notify(client, transaction_id="", amount=0, content="", raw=body)
    assert response.status_code == 400 and response.json()["detail"]
    assert not BankTransfer.objects.exists()


def service_body(name, order, when=None):
    """A notification service's body from its fixture file, for this order and time (Vietnam's clock)."""
    when = timezone.localtime(when or timezone.now()).strftime("%Y-%m-%d %H:%M:%S")
    text = (FIXTURES / f"webhook_{name}.json").read_text(encoding="utf-8")
    return text.replace("{reference}", order.reference).replace("{when}", when).encode()


def test_sepay_shape(order, client, settings):
    settings.BANK_WEBHOOK_FORMAT = "sepay"
    response = notify(client, transaction_id="", amount=0, content="", raw=service_body("sepay", order))
    assert response.status_code == 200 and response.json()["matched"] is True
    transfer = BankTransfer.objects.get()
    assert (transfer.transaction_id, transfer.amount) == ("MBVCB.3278907687", 500_000)
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED


def test_sepay_money_going_out_is_not_a_payment(order, client, settings):
    settings.BANK_WEBHOOK_FORMAT = "sepay"
    body = service_body("sepay", order).replace(b'"transferType": "in"', b'"transferType": "out"')
    response = notify(client, transaction_id="", amount=0, content="", raw=body)
    assert response.status_code == 200 and response.json()["ignored"] is True
    assert not BankTransfer.objects.exists()


def test_casso_shape(order, client, settings):
    settings.BANK_WEBHOOK_FORMAT = "casso"
    response = notify(client, transaction_id="", amount=0, content="", raw=service_body("casso", order))
    assert response.status_code == 200 and response.json()["order"] == order.reference
    assert BankTransfer.objects.get().transaction_id == "BANK_REF_ID_42"


def test_casso_v1_list_skips_money_going_out(order, client, settings):
    settings.BANK_WEBHOOK_FORMAT = "casso"
    response = notify(client, transaction_id="", amount=0, content="", raw=service_body("casso_v1", order))
    assert response.status_code == 200
    assert [t["transaction_id"] for t in response.json()["transfers"]] == ["TF230204835"]
    assert BankTransfer.objects.get().amount == 500_000


@pytest.mark.parametrize("fmt", ["sepay", "casso", "casso_v1"])
@pytest.mark.parametrize(
    "headers",
    [
        {},  # unsigned
        {"HTTP_X_SIGNATURE": "sha256=" + "0" * 64},  # wrongly signed
        # The services' own schemes carry no signature of the body: not accepted in its place.
        {"HTTP_AUTHORIZATION": f"Apikey {SECRET}"},
        {"HTTP_SECURE_TOKEN": SECRET},
    ],
)
def test_each_service_shape_unsigned_or_wrong_is_401_and_records_nothing(
    order, client, settings, fmt, headers
):
    settings.BANK_WEBHOOK_FORMAT = fmt.split("_")[0]
    body = service_body(fmt, order)
    response = client.post(URL, data=body, content_type="application/json", **headers)
    assert response.status_code == 401 and response.json()["reason"] == "invalid_signature"
    assert not BankTransfer.objects.exists()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_a_signed_body_replayed_pays_nothing_more(
    order, client, settings, django_capture_on_commit_callbacks
):
    """Someone who captured a signed notification sends it again: soon after, the same transfer (already
    recorded); days later, refused as stale. Either way nothing more is recorded or paid."""
    body = json.dumps(
        {
            "transaction_id": "FT-captured",
            "amount": 500_000,
            "content": f"DTD {order.reference}",
            "account_number": "0071000123456",
            "transferred_at": timezone.now().isoformat(),
        }
    ).encode()
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(client, transaction_id="", amount=0, content="", raw=body).json()["matched"] is True
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = notify(client, transaction_id="", amount=0, content="", raw=body)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    # The same body, days later (the webhook's reading of it, with the clock moved on).
    later = timezone.now() + dt.timedelta(hours=settings.BANK_WEBHOOK_MAX_AGE_HOURS + 1)
    with pytest.raises(TransferFormatError) as refused:
        bank_webhook.verify_and_read(body, sign(body, SECRET), now=later)
    assert refused.value.code == "stale"
    assert BankTransfer.objects.count() == 1 and len(mail.outbox) == sent
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED


def test_note_is_the_order_reference(order):
    assert transfer_note(order.reference) == f"DTD {order.reference}"
    parsed = vietqr.parse(order_payment_details(order).payload)
    assert (parsed.bank_bin, parsed.account, parsed.amount) == ("970436", "0071000123456", 500_000)
    assert parsed.purpose == f"DTD {order.reference}"


def test_bank_refund_recorded_by_the_organiser(order, client, admin_user, audit_actions):
    notify(client, transaction_id="FT-o", amount=700_000, content=f"DTD {order.reference}")
    transfer = BankTransfer.objects.get(transaction_id="FT-o")
    with pytest.raises(services.RegistrationError):
        services.record_bank_refund(
            transfer, amount=300_000, refunded_on=dt.date.today(), transaction_id="RF1", user=admin_user
        )
    services.record_bank_refund(
        transfer, amount=200_000, refunded_on=dt.date.today(), transaction_id="RF1", user=admin_user
    )
    transfer.refresh_from_db()
    assert transfer.refund_due == 0 and transfer.refunds.get().recorded_by == admin_user
    assert "registration.bank_refund_recorded" in audit_actions(order)


def test_reminder_at_half_the_hold_once(order, django_capture_on_commit_callbacks):
    assert services.remind_bank_transfers() == 0  # 48 hours left of 48
    later = timezone.now() + dt.timedelta(hours=25)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_bank_transfers(now=later) == 1
    reminder = mail.outbox[-1]
    assert (
        f"DTD {order.reference}" in reminder.body and order.emails.filter(kind="bank_reminder").count() == 1
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_bank_transfers(now=later) == 0
