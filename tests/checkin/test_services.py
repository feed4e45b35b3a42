"""redeem_ticket: every reason code, nonces, re-entry and exits, undo, and the secret format check."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone, translation

from checkin.models import CheckIn, Reason
from checkin.presenters import ALREADY_SENTENCES, already_sentence_key, message, result_data
from checkin.services import (
    CheckinError,
    RedeemResult,
    annul_checkin,
    is_well_formed,
    redeem_ticket,
    revoke_device,
    search_tickets,
)
from checkin.views import _offline_messages
from registration.codes import generate_secret
from registration.models import AttendeeCategory, OrderStatus, TicketStatus
from tests.factories.checkin import CheckInListFactory, DeviceFactory
from tests.factories.events import SessionFactory
from tests.factories.registration import SessionSeatFactory, TicketFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


def test_valid_ticket_is_admitted_once(ticket, checkin_list, device):
    first = redeem_ticket(ticket.secret, checkin_list, nonce="n1", gate="Cổng B", device=device)
    assert first.status == "ok" and first.reason is None and first.colour == "green"
    assert first.checkin.ticket == ticket and first.checkin.gate == "Cổng B"

    second = redeem_ticket(ticket.secret, checkin_list, nonce="n2", gate="Cổng C", device=device)
    assert second.status == "error" and second.reason == "already_redeemed"
    assert second.previous == first.checkin
    text = message(second)
    assert timezone.localtime(first.checkin.created_at).strftime("%H:%M") in text
    assert "Cổng B" in text and device.name in text
    assert CheckIn.objects.filter(successful=False, reason="already_redeemed").count() == 1
    # The answer's data states the same first admission, its time formatted once for both.
    data = result_data(second)
    assert data["previous"]["id"] == first.checkin.pk and data["previous"]["local_time"] in data["message"]

    # The link to the first admission has no database constraint; Django's delete still clears it.
    first.checkin.delete()
    second.checkin.refresh_from_db()
    assert second.checkin.previous_id is None


@pytest.mark.parametrize(
    ("detail", "gate", "by", "vietnamese"),
    [
        ("", "", "", "Đã check-in lúc 08:42."),
        ("", "Cổng A", "", "Đã check-in lúc 08:42 tại Cổng A."),
        ("", "", "Máy 3", "Đã check-in lúc 08:42, do Máy 3 quét."),
        ("", "Cổng A", "Máy 3", "Đã check-in lúc 08:42 tại Cổng A, do Máy 3 quét."),
        ("inside", "", "", "Vẫn đang ở bên trong: đã vào lúc 08:42."),
        ("inside", "Cổng A", "", "Vẫn đang ở bên trong: đã vào lúc 08:42 tại Cổng A."),
        ("inside", "", "Máy 3", "Vẫn đang ở bên trong: đã vào lúc 08:42, do Máy 3 quét."),
        ("inside", "Cổng A", "Máy 3", "Vẫn đang ở bên trong: đã vào lúc 08:42 tại Cổng A, do Máy 3 quét."),
    ],
)
def test_a_repeat_scan_is_told_in_one_whole_sentence(detail, gate, by, vietnamese):
    """One translated sentence per case (the translator orders the words), the same that the scanner
    page words its offline answers with."""
    admitted = timezone.localtime().replace(hour=8, minute=42)
    previous = CheckIn(gate=gate, created_at=admitted)
    previous.scanned_by = by
    refused = CheckIn(successful=False, reason=Reason.ALREADY_REDEEMED)
    result = RedeemResult(checkin=refused, previous=previous, detail=detail)
    with translation.override("vi"):
        assert message(result) == vietnamese
        offline = _offline_messages()[already_sentence_key(detail == "inside", bool(gate), bool(by))]
        assert offline % {"time": "08:42", "gate": gate, "by": by} == vietnamese
    with translation.override("en"):
        english = message(result)
    assert english == ALREADY_SENTENCES[detail == "inside", bool(gate), bool(by)] % {
        "time": "08:42",
        "gate": gate,
        "by": by,
    }
    assert english.startswith("Still inside" if detail else "Already checked in") and english.endswith(".")


SYNCHRONOUS_COMMIT = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="synchronous_commit is PostgreSQL's"
)


@SYNCHRONOUS_COMMIT
@pytest.mark.parametrize("kind", ["admission", "repeat", "made-up code", "garbage"])
def test_only_an_admission_waits_for_the_disk_at_commit(kind, ticket, checkin_list, device):
    """What the scan's commit will do, read from its transaction: the test's, around the scan's savepoint."""
    assert commit_waits_for_the_disk(kind, ticket, checkin_list, device) == (kind == "admission")


@SYNCHRONOUS_COMMIT
def test_organisers_may_let_admissions_commit_without_the_disk(ticket, checkin_list, device, settings):
    settings.CHECKIN_ASYNC_COMMIT = True
    assert commit_waits_for_the_disk("admission", ticket, checkin_list, device) is False


def commit_waits_for_the_disk(kind, ticket, checkin_list, device):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO on")  # PostgreSQL's default (the tests run without)
    if kind == "repeat":
        redeem_ticket(ticket.secret, checkin_list, device=device)
    code = {"made-up code": generate_secret(), "garbage": "not-a-ticket"}.get(kind, ticket.secret)
    result = redeem_ticket(code, checkin_list, device=device)
    assert result.ok == (kind == "admission")
    assert CheckIn.objects.get(pk=result.checkin.pk).successful == result.ok  # recorded all the same
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0] == "on"


@pytest.mark.parametrize(
    "code",
    [
        "",
        "not-a-ticket",
        "A" * 10_000,
        "<script>alert(1)</script>",
        "' OR 1=1 --",
    ],
)
def test_garbage_is_invalid_and_recorded(code, checkin_list, device, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # the insert (+ savepoint on the test's transaction)
        result = redeem_ticket(code, checkin_list, device=device)
    assert result.reason == "invalid"
    assert result.checkin.raw_code == code[:64]


def test_near_misses_of_a_real_secret_are_invalid(ticket, checkin_list, device):
    secret = ticket.secret
    near_misses = [
        secret[:-1],  # truncated
        secret + "A",  # padded
        " " + secret,  # padded with a space
        secret + "\n",
        secret.lower() if secret.lower() != secret else secret.upper(),  # case changed
        secret.swapcase(),
        secret[:-1] + ("B" if secret[-1] != "B" else "C"),  # forged last character
        secret[:8],  # a prefix is never a match
        secret * 2,
        secret[:-1] + "0",  # look-alike character outside the alphabet
    ]
    for code in near_misses:
        assert redeem_ticket(code, checkin_list, device=device).reason == "invalid", code
    assert not CheckIn.objects.filter(successful=True).exists()
    # The real one still works afterwards.
    assert redeem_ticket(secret, checkin_list, device=device).status == "ok"


def test_format_check():
    assert is_well_formed(generate_secret())
    assert not is_well_formed(None)
    assert not is_well_formed(12345)
    assert not is_well_formed(generate_secret()[:-1])


def test_cancelled_ticket_after_its_email_is_refused(ticket, checkin_list, device):
    ticket.status = TicketStatus.CANCELLED
    ticket.save()
    assert redeem_ticket(ticket.secret, checkin_list, device=device).reason == "canceled"


@pytest.mark.parametrize("status", [OrderStatus.CANCELLED, OrderStatus.EXPIRED, OrderStatus.REFUNDED])
def test_ticket_of_a_dead_order_is_cancelled(status, ticket, checkin_list, device):
    ticket.order.status = status
    ticket.order.save()
    assert redeem_ticket(ticket.secret, checkin_list, device=device).reason == "canceled"


def test_deleted_ticket_is_invalid(ticket, checkin_list, device):
    secret = ticket.secret
    ticket.delete()
    assert redeem_ticket(secret, checkin_list, device=device).reason == "invalid"


@pytest.mark.parametrize(
    ("status", "flag", "detail"),
    [
        (OrderStatus.PENDING_PAYMENT, "admit_unpaid", "pending_payment"),
        (OrderStatus.PENDING_APPROVAL, "admit_pending_approval", "pending_approval"),
    ],
)
def test_unpaid_and_unapproved_unless_the_list_admits_them(
    status, flag, detail, ticket, checkin_list, device
):
    ticket.order.status = status
    ticket.order.save()
    refused = redeem_ticket(ticket.secret, checkin_list, device=device)
    assert refused.reason == "unpaid" and refused.detail == detail
    setattr(checkin_list, flag, True)
    checkin_list.save()
    assert redeem_ticket(ticket.secret, checkin_list, device=device).status == "ok"


def test_unconfirmed_email_is_unpaid(ticket, checkin_list, device):
    ticket.order.status = OrderStatus.PENDING_EMAIL
    ticket.order.save()
    result = redeem_ticket(ticket.secret, checkin_list, device=device)
    assert result.reason == "unpaid" and result.detail == "pending_email"


def test_ticket_type_not_admitted_is_product(ticket, event, device):
    other_type = TicketTypeFactory(event=event)
    workshop_only = CheckInListFactory(event=event, ticket_types=[other_type])
    assert redeem_ticket(ticket.secret, workshop_only, device=device).reason == "product"
    both = CheckInListFactory(event=event, ticket_types=[other_type, ticket.ticket_type])
    assert redeem_ticket(ticket.secret, both, device=device).status == "ok"


def test_outside_the_days_window_is_invalid_time(ticket, event, device):
    now = timezone.now()
    tomorrow = CheckInListFactory(
        event=event, valid_from=now + timedelta(days=1), valid_until=now + timedelta(days=2)
    )
    yesterday = CheckInListFactory(
        event=event, valid_from=now - timedelta(days=2), valid_until=now - timedelta(days=1)
    )
    today = CheckInListFactory(
        event=event, valid_from=now - timedelta(hours=1), valid_until=now + timedelta(hours=8)
    )
    assert redeem_ticket(ticket.secret, tomorrow, device=device).reason == "invalid_time"
    assert redeem_ticket(ticket.secret, yesterday, device=device).reason == "invalid_time"
    assert redeem_ticket(ticket.secret, today, device=device).status == "ok"


def test_ticket_of_another_event_is_wrong_event(checkin_list, device):
    other = TicketFactory()
    result = redeem_ticket(other.secret, checkin_list, device=device)
    assert result.reason == "wrong_event"
    assert result_data(result)["ticket"]["attendee_name"] == other.attendee_name


def test_session_door_admits_only_booked_seats(ticket, event, device):
    workshop = SessionFactory(event=event, requires_signup=True, capacity=20)
    door = CheckInListFactory(event=event, session=workshop, name="Phòng 2.1")
    refused = redeem_ticket(ticket.secret, door, device=device)
    assert refused.reason == "product" and refused.detail == "no_seat"
    SessionSeatFactory(ticket=ticket, session=workshop)
    assert redeem_ticket(ticket.secret, door, device=device).status == "ok"


def test_waiting_list_seat_is_not_a_seat(ticket, event, device):
    workshop = SessionFactory(event=event, requires_signup=True, capacity=1)
    SessionSeatFactory(ticket=ticket, session=workshop, status="waiting")
    door = CheckInListFactory(event=event, session=workshop)
    assert redeem_ticket(ticket.secret, door, device=device).reason == "product"


def test_attention_for_press_guest_types_and_notes(event, checkin_list, device):
    press = TicketFactory(ticket_type__event=event, category=AttendeeCategory.PRESS)
    press.order.event = event
    press.order.save()
    guest_type = TicketTypeFactory(event=event, requires_approval=True, name_vi="Khách mời VIP")
    vip = TicketFactory(ticket_type=guest_type)
    noted = TicketFactory(ticket_type=guest_type, note_for_staff="Đi xe lăn: mở cổng phụ")
    plain = TicketFactory(ticket_type=TicketTypeFactory(event=event))

    assert redeem_ticket(press.secret, checkin_list, device=device).colour == "amber"
    vip_result = redeem_ticket(vip.secret, checkin_list, device=device)
    assert vip_result.colour == "amber" and "Khách mời VIP" in " ".join(vip_result.attention_reasons)
    noted_result = redeem_ticket(noted.secret, checkin_list, device=device)
    assert "Đi xe lăn: mở cổng phụ" in noted_result.attention_reasons
    assert redeem_ticket(plain.secret, checkin_list, device=device).colour == "green"


def test_same_nonce_returns_the_first_answer_and_records_nothing(ticket, checkin_list, device):
    first = redeem_ticket(ticket.secret, checkin_list, nonce="abc", gate="Cổng B", device=device)
    again = redeem_ticket(ticket.secret, checkin_list, nonce="abc", gate="Cổng B", device=device)
    assert again.status == "ok" and again.replayed
    assert again.checkin.pk == first.checkin.pk
    assert CheckIn.objects.count() == 1
    # A refused first answer is replayed as refused too.
    invalid = redeem_ticket("nope", checkin_list, nonce="xyz", device=device)
    replay = redeem_ticket("nope", checkin_list, nonce="xyz", device=device)
    assert replay.reason == "invalid" and replay.checkin.pk == invalid.checkin.pk
    assert CheckIn.objects.count() == 2


def test_nonce_replays_only_the_same_code_and_type(ticket, event, device, django_user_model):
    hall = CheckInListFactory(event=event, record_exits=True, allow_reentry=True)
    redeem_ticket(ticket.secret, hall, nonce="n", device=device)
    with pytest.raises(CheckinError) as problem:
        redeem_ticket(ticket.secret, hall, nonce="n", scan_type="exit", device=device)
    assert problem.value.code == "nonce_reused"
    # A staff member's nonce follows the same rule.
    lan = django_user_model.objects.create_user("lan")
    redeem_ticket("garbage", hall, nonce="s", user=lan)
    with pytest.raises(CheckinError):
        redeem_ticket(ticket.secret, hall, nonce="s", user=lan)
    assert redeem_ticket("garbage", hall, nonce="s", user=lan).replayed
    assert CheckIn.objects.filter(reason="nonce_reused").count() == 2
    assert CheckIn.objects.filter(ticket=ticket, successful=True).count() == 1


def test_nonce_is_per_device(ticket, checkin_list, device):
    other = DeviceFactory()
    redeem_ticket(ticket.secret, checkin_list, nonce="same", device=device)
    second = redeem_ticket(ticket.secret, checkin_list, nonce="same", device=other)
    assert second.reason == "already_redeemed" and not second.replayed


def test_reentry_after_exit_when_allowed(ticket, event, device):
    hall = CheckInListFactory(event=event, allow_reentry=True, record_exits=True)
    assert redeem_ticket(ticket.secret, hall, device=device).status == "ok"
    inside = redeem_ticket(ticket.secret, hall, device=device)
    assert inside.reason == "already_redeemed" and inside.detail == "inside"
    assert redeem_ticket(ticket.secret, hall, scan_type="exit", device=device).status == "ok"
    assert redeem_ticket(ticket.secret, hall, device=device).status == "ok"


def test_reentry_without_exit_scans(ticket, event, device):
    hall = CheckInListFactory(event=event, allow_reentry=True)
    assert redeem_ticket(ticket.secret, hall, device=device).status == "ok"
    assert redeem_ticket(ticket.secret, hall, device=device).status == "ok"


def test_exit_needs_a_list_that_records_exits(ticket, checkin_list, device):
    with pytest.raises(CheckinError) as problem:
        redeem_ticket(ticket.secret, checkin_list, scan_type="exit", device=device)
    assert problem.value.code == "exits_not_recorded"
    with pytest.raises(CheckinError):
        redeem_ticket(ticket.secret, checkin_list, scan_type="sideways", device=device)


def test_undo_lets_the_ticket_in_again(ticket, checkin_list, device, django_user_model):
    redeem_ticket(ticket.secret, checkin_list, nonce="n1", device=device)
    row = annul_checkin("n1", device=device)
    assert row.annulled_at is not None
    assert redeem_ticket(ticket.secret, checkin_list, nonce="n2", device=device).status == "ok"
    # Another device cannot undo this device's scan; an unknown nonce is not found.

    with pytest.raises(CheckinError) as problem:
        annul_checkin("n2", device=DeviceFactory())
    assert problem.value.code == "not_found"


def test_undo_only_within_the_window(ticket, checkin_list, device, settings):
    first = redeem_ticket(ticket.secret, checkin_list, nonce="old", device=device)
    CheckIn.objects.filter(pk=first.checkin.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    settings.CHECKIN_UNDO_SECONDS = 300
    with pytest.raises(CheckinError) as problem:
        annul_checkin("old", device=device)
    assert problem.value.code == "too_late"


def test_refused_scan_cannot_be_undone(checkin_list, device):
    redeem_ticket("garbage", checkin_list, nonce="g", device=device)
    with pytest.raises(CheckinError) as problem:
        annul_checkin("g", device=device)
    assert problem.value.code == "not_successful"


def test_staff_scans_are_attributed_to_the_user(ticket, checkin_list, django_user_model):
    lan = django_user_model.objects.create_user("lan", first_name="Lan")
    redeem_ticket(ticket.secret, checkin_list, nonce="u1", gate="Cổng A", user=lan)
    again = redeem_ticket(ticket.secret, checkin_list, nonce="u2", gate="Cổng D", user=lan)
    with translation.override("en"):
        assert message(again).endswith(" at Cổng A by Lan.")
    assert annul_checkin("u1", user=lan).annulled_at is not None


def test_revoked_device(device):
    revoked = revoke_device(device)
    assert revoked.revoked_at is not None


def test_search_ignores_accents_and_matches_every_word(ticket, checkin_list):
    TicketFactory(ticket_type=ticket.ticket_type, attendee_name="Trần Văn Bình")
    assert [t.attendee_name for t in search_tickets(checkin_list, "nguyen thi lan")] == ["Nguyễn Thị Lan"]
    assert [t.attendee_name for t in search_tickets(checkin_list, "BINH tran")] == ["Trần Văn Bình"]
    assert list(search_tickets(checkin_list, "lan binh")) == []
    assert list(search_tickets(checkin_list, "a")) == []


def test_admitted_type_ids_follow_the_m2m(event, checkin_list):
    first, second = TicketTypeFactory(event=event), TicketTypeFactory(event=event)
    checkin_list.ticket_types.add(first, second)
    checkin_list.refresh_from_db()
    assert checkin_list.admitted_type_ids == sorted([first.pk, second.pk])
    checkin_list.ticket_types.remove(first)
    checkin_list.refresh_from_db()
    assert checkin_list.admitted_type_ids == [second.pk]
    second.checkin_lists.clear()
    checkin_list.refresh_from_db()
    assert checkin_list.admitted_type_ids == []
    checkin_list.ticket_types.add(first)
    first.delete()
    checkin_list.refresh_from_db()
    assert checkin_list.admitted_type_ids == []


@pytest.mark.parametrize("query", ["!!", "--", "...", " . , "])
def test_search_made_of_punctuation_finds_nothing(ticket, checkin_list, query):
    assert list(search_tickets(checkin_list, query)) == []
    assert list(search_tickets(checkin_list, "lan!!")) == [ticket]
