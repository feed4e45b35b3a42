"""Reminders before the event and before each workshop: what they hold, when they go, and only once."""

import io
from datetime import timedelta

import pytest
import zxingcpp
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from messaging.models import Reminder
from messaging.services import send_due_reminders
from registration.models import OrderStatus, SeatStatus, SentEmail, TicketStatus
from tests.factories.events import EventPageFactory, RoomFactory, SessionFactory
from tests.factories.registration import OrderFactory, SessionSeatFactory, TicketFactory, TicketTypeFactory
from tests.factories.venue_map import FloorPlanFactory

pytestmark = pytest.mark.django_db


def _qr_texts(message):
    texts = []
    for part in message.attachments:
        if getattr(part, "get_content_type", lambda: "")() == "image/png":
            image = Image.open(io.BytesIO(part.get_payload(decode=True)))
            texts += [found.text for found in zxingcpp.read_barcodes(image)]
    return texts


def test_the_event_reminder_holds_the_ticket_the_map_and_the_workshops(soon_event, soon_type):
    FloorPlanFactory(event=soon_event)
    room = RoomFactory(event=soon_event, name_vi="Phòng 201")
    ticket = TicketFactory(ticket_type=soon_type, email="lan@example.com")
    workshop = SessionFactory(event=soon_event, title_vi="Lớp kỹ năng số", room=room, requires_signup=True)
    SessionSeatFactory(ticket=ticket, session=workshop)

    counts = send_due_reminders()

    assert counts == {"due": 1, "sent": 1, "failed": 0}
    [message] = mail.outbox
    assert message.to == ["lan@example.com"]
    assert soon_event.title in message.subject and message.subject.startswith("Nhắc lịch")
    assert _qr_texts(message) == [ticket.secret]
    html = message.alternatives[0][0]
    assert f"/vi/venue-map/{soon_event.pk}/" in message.body and "Lớp kỹ năng số · Phòng 201" in message.body
    assert 'src="cid:qr-' in html and "Lớp kỹ năng số" in html
    assert SentEmail.objects.filter(order=ticket.order, kind="reminder_event", to="lan@example.com").exists()


def test_each_reminder_is_in_the_language_of_its_order(soon_type):
    order = OrderFactory(event=soon_type.event, language="en", email="an@example.com")
    TicketFactory(ticket_type=soon_type, order=order, email="")

    send_due_reminders()

    [message] = mail.outbox
    assert message.to == ["an@example.com"], "a ticket without its own address goes to the order's"
    assert message.subject.startswith("Reminder:")
    assert "/en/" in message.body and "/vi/" not in message.body


def test_only_confirmed_attendees_of_events_within_the_window_are_reminded(soon_type, settings):
    settings.REMINDER_HOURS_BEFORE_EVENT = 24
    due = TicketFactory(ticket_type=soon_type)
    TicketFactory(ticket_type=soon_type, status=TicketStatus.CANCELLED)
    TicketFactory(
        ticket_type=soon_type, order=OrderFactory(event=soon_type.event, status=OrderStatus.PENDING_PAYMENT)
    )
    later = TicketTypeFactory(event=EventPageFactory(starts_at=timezone.now() + timedelta(hours=30)))
    TicketFactory(ticket_type=later)
    past = TicketTypeFactory(event=EventPageFactory(starts_at=timezone.now() - timedelta(hours=1)))
    TicketFactory(ticket_type=past)

    send_due_reminders()

    assert [m.to for m in mail.outbox] == [[due.email]]
    settings.REMINDER_HOURS_BEFORE_EVENT = 48
    send_due_reminders()
    assert len(mail.outbox) == 2, "a longer window reaches the later event"


def test_a_second_run_sends_nothing_again(soon_type):
    TicketFactory.create_batch(3, ticket_type=soon_type)
    assert send_due_reminders()["sent"] == 3
    assert send_due_reminders() == {"due": 0, "sent": 0, "failed": 0}
    call_command("send_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 3
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 3


def test_one_reminder_before_each_workshop_with_a_confirmed_seat(settings):
    settings.REMINDER_HOURS_BEFORE_WORKSHOP = 2
    event = EventPageFactory(starts_at=timezone.now() - timedelta(hours=3))
    ticket_type = TicketTypeFactory(event=event)
    ticket = TicketFactory(ticket_type=ticket_type)
    soon = SessionFactory(
        event=event, title_vi="Bảo mật cho doanh nghiệp nhỏ", starts_at=timezone.now() + timedelta(hours=1)
    )
    later = SessionFactory(event=event, starts_at=timezone.now() + timedelta(hours=5))
    waiting = SessionFactory(event=event, starts_at=timezone.now() + timedelta(minutes=30))
    SessionSeatFactory(ticket=ticket, session=soon)
    SessionSeatFactory(ticket=ticket, session=later)
    SessionSeatFactory(ticket=ticket, session=waiting, status=SeatStatus.WAITING)

    send_due_reminders()
    send_due_reminders()

    [message] = mail.outbox
    assert "Bảo mật cho doanh nghiệp nhỏ" in message.subject
    assert _qr_texts(message) == [ticket.secret]
    assert Reminder.objects.get().session == soon


def test_a_mail_server_outage_leaves_the_reminders_due_until_it_is_back(soon_type, settings):
    TicketFactory.create_batch(2, ticket_type=soon_type)
    settings.EMAIL_BACKEND = "tests.messaging.backends.DownBackend"

    counts = send_due_reminders()

    assert counts["sent"] == 0 and counts["failed"] == 1
    assert not Reminder.objects.filter(sent_at__isnull=False).exists()
    assert Reminder.objects.filter(attempts=1, last_error__contains="refused").count() == 1
    assert not SentEmail.objects.exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_reminders()["sent"] == 2
    assert len(mail.outbox) == 2
    assert send_due_reminders()["sent"] == 0


def test_dry_run_counts_and_sends_nothing(soon_type):
    TicketFactory.create_batch(2, ticket_type=soon_type)
    out = io.StringIO()
    call_command("send_reminders", "--dry-run", stdout=out)
    assert "2 reminder(s) due, 0 sent" in out.getvalue()
    assert not mail.outbox and not Reminder.objects.exists()


def test_celery_beat_runs_the_reminders(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-reminders"]
    assert entry["task"] == "messaging.tasks.send_reminders"
    from messaging.tasks import send_reminders

    assert send_reminders.name == entry["task"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_reminder_exactly_once(run_parallel, settings):
    settings.EMAIL_BACKEND = "tests.messaging.backends.SlowBackend"
    event = EventPageFactory(starts_at=timezone.now() + timedelta(hours=6))
    ticket_type = TicketTypeFactory(event=event, capacity=50)
    tickets = TicketFactory.create_batch(8, ticket_type=ticket_type)
    workshop = SessionFactory(event=event, starts_at=timezone.now() + timedelta(hours=1))
    for ticket in tickets[:4]:
        SessionSeatFactory(ticket=ticket, session=workshop)

    results = run_parallel(2, lambda index: send_due_reminders())

    assert not any(isinstance(r, Exception) for r in results), results
    assert sum(r["sent"] for r in results) == 12
    assert all(r["sent"] > 0 for r in results), f"the runs did not overlap: {results}"
    sent = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert len(sent) == 12 and len(set(sent)) == 12
    assert SentEmail.objects.count() == 12
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 12


def test_reminders_are_in_the_attendees_download_and_go_with_an_erasure(soon_type):
    from registration.services import erase_personal_data, personal_data

    ticket = TicketFactory(ticket_type=soon_type)
    send_due_reminders()

    assert [r["kind"] for r in personal_data(ticket.order)["reminders"]] == ["event"]
    erase_personal_data(ticket.order)
    assert not Reminder.objects.exists()
