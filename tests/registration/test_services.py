"""Every state transition of an order, and its refusals."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from registration import services
from registration.models import Order, OrderStatus, SeatStatus, SessionSeat, Ticket, TicketStatus
from registration.services import RegistrationError, place_order
from tests.factories.registration import TicketFactory, TicketTypeFactory

from .conftest import attendee

pytestmark = pytest.mark.django_db


def place(event, *attendees, **kwargs):
    kwargs.setdefault("email", "an@example.com")
    kwargs.setdefault("consent", True)
    return place_order(event=event, attendees=list(attendees), **kwargs)


def test_free_order_waits_for_email_then_confirms(
    audit_actions, event, free_type, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = place(event, attendee(free_type), attendee(free_type, name="Trần Thị Bình"))
    assert order.status == OrderStatus.PENDING_EMAIL
    assert order.expires_at > timezone.now()
    assert order.tickets.count() == 2
    assert order.consents.get(purpose="processing").policy_version
    assert (
        len(mail.outbox) == 1
        and "confirm" in mail.outbox[0].body.lower()
        or "xác nhận" in mail.outbox[0].body
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_email(order)
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    assert len(mail.outbox) == 2
    # A second click changes nothing.
    services.confirm_email(order)
    assert audit_actions(order) == ["registration.order_placed", "registration.order_confirmed"]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"consent": False}, "consent_required"),
    ],
)
def test_refusals_without_consent(event, free_type, kwargs, code):
    with pytest.raises(RegistrationError) as error:
        place(event, attendee(free_type), **kwargs)
    assert error.value.code == code
    assert not Order.objects.exists()


def test_refuses_more_than_max_per_order(event, free_type):
    with pytest.raises(RegistrationError) as error:
        place(event, *[attendee(free_type) for _ in range(6)])
    assert error.value.code == "too_many"


def test_refuses_empty_order(event):
    with pytest.raises(RegistrationError) as error:
        place(event)
    assert error.value.code == "too_few"


def test_sold_out_counts_live_holds_only(event, free_type):
    free_type.capacity = 2
    free_type.save()
    first = place(event, attendee(free_type), attendee(free_type))
    with pytest.raises(RegistrationError) as error:
        place(event, attendee(free_type))
    assert error.value.code == "sold_out"
    # The hold runs out: the places count again even before the expiry job runs.
    Order.objects.filter(pk=first.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert place(event, attendee(free_type)).status == OrderStatus.PENDING_EMAIL


def test_sold_out_is_refused_without_queueing_for_the_lock(event, free_type):
    """At the morning rush, refusals after the last place must not wait behind the orders being placed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    free_type.capacity = 1
    free_type.save()
    place(event, attendee(free_type))
    with CaptureQueriesContext(connection) as queries, pytest.raises(RegistrationError) as error:
        place(event, attendee(free_type))
    assert error.value.code == "sold_out"
    statements = [q["sql"].upper() for q in queries.captured_queries]
    assert not any(
        "FOR UPDATE" in sql or sql.startswith(("INSERT", "BEGIN", "SAVEPOINT")) for sql in statements
    )
    # A hidden type is not described to someone without its link, even when it is full.
    free_type.is_hidden = True
    free_type.save()
    with pytest.raises(RegistrationError) as error:
        place(event, attendee(free_type))
    assert error.value.code == "hidden"


def test_closed_sales_window_and_registration(event, free_type):
    free_type.sales_ends_at = timezone.now() - timedelta(minutes=1)
    free_type.save()
    with pytest.raises(RegistrationError) as error:
        place(event, attendee(free_type))
    assert error.value.code == "not_on_sale"
    event.registration_closes_at = timezone.now() - timedelta(minutes=1)
    event.save()
    with pytest.raises(RegistrationError) as error:
        place(event, attendee(free_type))
    assert error.value.code == "closed"


def test_hidden_type_needs_its_token(event, hidden_type):
    with pytest.raises(RegistrationError) as error:
        place(event, attendee(hidden_type), access_token="wrong")
    assert error.value.code == "hidden"
    assert place(event, attendee(hidden_type), access_token=hidden_type.access_token).pk


def test_ticket_type_of_another_event_is_refused(event):
    other = TicketTypeFactory()
    with pytest.raises(RegistrationError) as error:
        place(event, attendee(other))
    assert error.value.code == "not_on_sale"


def test_paid_type_without_stripe_is_refused(event, paid_type, settings):
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(RegistrationError) as error:
        place(event, attendee(paid_type))
    assert error.value.code == "payments_not_configured"


def test_overlapping_workshops_refused(event, free_type, workshops):
    first, overlapping, _later = workshops
    with pytest.raises(RegistrationError) as error:
        place(event, attendee(free_type, sessions=[first, overlapping]))
    assert error.value.code == "overlap"
    assert "Hội thảo AI" in error.value.message


def test_workshop_full_goes_to_waiting_list_and_is_promoted(
    event, free_type, workshops, django_capture_on_commit_callbacks, audit_actions
):
    _first, _overlapping, later = workshops  # capacity 1
    a = place(event, attendee(free_type, sessions=[later]))
    b = place(
        event,
        attendee(free_type, name="Lê Văn Cường", email="cuong@example.com", sessions=[later]),
        email="cuong@example.com",
    )
    services.confirm_email(a)
    services.confirm_email(b)
    seat_a = SessionSeat.objects.get(ticket__order=a)
    seat_b = SessionSeat.objects.get(ticket__order=b)
    assert (seat_a.status, seat_b.status) == (SeatStatus.CONFIRMED, SeatStatus.WAITING)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_order(a)
    seat_b.refresh_from_db()
    assert seat_b.status == SeatStatus.CONFIRMED and seat_b.promoted_at
    assert any(m.to == ["cuong@example.com"] for m in mail.outbox)
    assert "registration.seat_promoted" in audit_actions(b)


def test_change_workshops(event, free_type, workshops):
    first, overlapping, later = workshops
    order = place(event, attendee(free_type, sessions=[first]))
    services.confirm_email(order)
    ticket = order.tickets.get()
    services.change_workshops(ticket, [later.pk])
    assert list(ticket.seats.values_list("session_id", flat=True)) == [later.pk]
    with pytest.raises(RegistrationError) as error:
        services.change_workshops(ticket, [first.pk, overlapping.pk])
    assert error.value.code == "overlap"
    other_event_session = TicketFactory().ticket_type.event
    assert other_event_session.pk != event.pk


def test_expire_orders_releases_and_is_idempotent(event, free_type, workshops):
    first, *_ = workshops
    order = place(event, attendee(free_type, sessions=[first]))
    assert services.expire_orders() == 0
    later = timezone.now() + timedelta(hours=1)
    assert services.expire_orders(now=later) == 1
    assert services.expire_orders(now=later) == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    assert services.seats_taken(first) == 0


def test_confirm_after_expiry_revalidates(event, free_type):
    free_type.capacity = 1
    free_type.save()
    order = place(event, attendee(free_type))
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    # Places still free: confirmed anyway.
    assert services.confirm_email(order).status == OrderStatus.CONFIRMED
    late = place(event, attendee(TicketTypeFactory(event=event, capacity=1)))
    Order.objects.filter(pk=late.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    # Someone else takes the place meanwhile.
    place(event, attendee(late.tickets.get().ticket_type))
    with pytest.raises(RegistrationError) as error:
        services.confirm_email(late)
    assert error.value.code == "expired"


def test_approval_flow(event, vip_type, django_capture_on_commit_callbacks):
    order = place(event, attendee(vip_type))
    assert order.status == OrderStatus.PENDING_EMAIL
    assert services.confirm_email(order).status == OrderStatus.PENDING_APPROVAL
    with pytest.raises(RegistrationError):
        services.confirm_email(Order.objects.create(event=event, status=OrderStatus.CANCELLED))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.approve_order(order).status == OrderStatus.CONFIRMED
    with pytest.raises(RegistrationError) as error:
        services.approve_order(order)
    assert error.value.code == "invalid_state"
    rejected = place(event, attendee(vip_type))
    services.confirm_email(rejected)
    services.reject_order(rejected)
    rejected.refresh_from_db()
    assert rejected.status == OrderStatus.CANCELLED
    assert set(rejected.tickets.values_list("status", flat=True)) == {TicketStatus.CANCELLED}


def test_cancel_refused_twice(event, free_type):
    order = place(event, attendee(free_type))
    services.confirm_email(order)
    services.cancel_order(order)
    with pytest.raises(RegistrationError) as error:
        services.cancel_order(order)
    assert error.value.code == "invalid_state"


def test_walk_in_and_rename(event, free_type, admin_user):
    order = services.walk_in(event=event, ticket_type=free_type, name="Phạm Thị Dung", user=admin_user)
    assert order.status == OrderStatus.CONFIRMED and order.walk_in
    ticket = order.tickets.get()
    assert "pham thi dung" in ticket.search_text and order.reference.lower() in ticket.search_text
    services.rename_attendee(ticket, "Phạm Thị Dung Anh", user=admin_user)
    ticket.refresh_from_db()
    assert ticket.attendee_name == "Phạm Thị Dung Anh"
    assert "pham thi dung anh" in ticket.search_text
    with pytest.raises(RegistrationError):
        services.rename_attendee(ticket, "  ")
    entry = ModelLogEntry.objects.get(action="registration.attendee_renamed")
    assert entry.user_id == admin_user.pk
    assert "Phạm" not in entry.label


def test_personal_data_export_and_erasure(event, free_type, workshops, django_capture_on_commit_callbacks):
    first, *_ = workshops
    with django_capture_on_commit_callbacks(execute=True):
        order = place(event, attendee(free_type, sessions=[first]), share_with_exhibitors=True)
    data = services.personal_data(order)
    assert data["tickets"][0]["attendee_name"] == "Nguyễn Văn An"
    assert {c["purpose"] for c in data["consents"]} == {"processing", "share_with_exhibitors"}
    assert data["emails"][0]["to"] == "an@example.com"
    services.erase_personal_data(order)
    order.refresh_from_db()
    ticket = order.tickets.get()
    assert order.email == "" and order.erased_at
    assert (ticket.attendee_name, ticket.email, ticket.phone, ticket.organisation) == ("", "", "", "")
    assert ticket.search_text == ""
    assert ticket.status == TicketStatus.CANCELLED
    assert not order.emails.exclude(to="").exists()
    assert services.seats_taken(first) == 0
    # Aggregates survive: the order and ticket rows are still counted.
    assert Ticket.objects.filter(ticket_type=free_type).count() == 1
    # Nothing personal in the search index (tickets and orders are searched in the database, not indexed).
    from wagtail.search.models import IndexEntry

    assert not IndexEntry.objects.filter(title__icontains="Nguyễn Văn An").exists()
    # Nothing personal anywhere in the audit log.
    for entry in ModelLogEntry.objects.all():
        assert "Nguyễn" not in entry.label and "an@example.com" not in str(entry.data)


def test_confirmation_email_has_inline_qr_and_ics(event, free_type, django_capture_on_commit_callbacks):
    import io

    import zxingcpp
    from PIL import Image

    order = place(event, attendee(free_type), language="en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_email(order)
    message = mail.outbox[0]
    ticket = order.tickets.get()
    assert "Your tickets" in message.subject
    html = message.alternatives[0][0]
    assert f"cid:qr-{ticket.pk}@danang-digital-day" in html
    raw = message.message()
    images = [part for part in raw.walk() if part.get_content_type() == "image/png"]
    assert images[0]["Content-ID"] == f"<qr-{ticket.pk}@danang-digital-day>"
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(images[0].get_payload(decode=True))))
    assert decoded[0].text == ticket.secret
    calendars = [part for part in raw.walk() if part.get_content_type() == "text/calendar"]
    assert b"BEGIN:VCALENDAR" in calendars[0].get_payload(decode=True)
    assert ticket.secret not in message.body  # the secret travels only inside the QR image


def test_email_in_vietnamese(event, free_type, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        place(event, attendee(free_type), language="vi")
    assert "Xác nhận" in mail.outbox[0].subject or "xác nhận" in mail.outbox[0].subject


def test_expire_orders_command_and_task(event, free_type):
    from django.core.management import call_command

    from registration import tasks

    order = place(event, attendee(free_type))
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert tasks.expire_orders.delay().get() == 1
    call_command("expire_orders")
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
