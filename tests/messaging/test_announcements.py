"""Announcements: audiences, preview, batches with a complete log after a dead worker, unsubscribing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from messaging import services
from messaging.emails import unsubscribe_token
from messaging.models import (
    Announcement,
    AnnouncementOptOut,
    AnnouncementRecipient,
    AnnouncementStatus,
    Audience,
    RecipientStatus,
)
from registration.models import Order, OrderStatus, SeatStatus, Ticket, TicketStatus
from tests.factories.events import EventPageFactory, SessionFactory
from tests.factories.exhibitors import ExhibitorFactory
from tests.factories.registration import OrderFactory, SessionSeatFactory, TicketFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


def _announcement(**kwargs):
    values = {
        "subject_vi": "Thay đổi cổng vào",
        "subject_en": "Change of entrance",
        "body_vi": "Xin vào bằng cổng số 2.",
        "body_en": "Please use gate 2.",
        "audience": Audience.EVENT_ATTENDEES,
    }
    return Announcement.objects.create(**{**values, **kwargs})


def _attendees(ticket_type, count, language="vi"):
    """`count` confirmed attendees, made in bulk (one order and ticket each)."""
    event = ticket_type.event
    first = Order.objects.count()
    orders = Order.objects.bulk_create(
        [
            Order(
                event=event,
                email=f"khach{first + i}@example.com",
                language=language,
                status=OrderStatus.CONFIRMED,
            )
            for i in range(count)
        ]
    )
    Ticket.objects.bulk_create(
        [
            Ticket(order=order, ticket_type=ticket_type, email=order.email, attendee_name="Khách")
            for order in orders
        ]
    )


def test_each_audience_finds_its_people_once_with_their_language():
    event = EventPageFactory()
    general, vip = TicketTypeFactory(event=event), TicketTypeFactory(event=event)
    order = OrderFactory(event=event, language="en", email="Team@Example.com")
    a = TicketFactory(ticket_type=general, order=order, email="")
    TicketFactory(ticket_type=vip, order=order, email="")  # the same address again: once
    b = TicketFactory(ticket_type=vip, email="binh@example.com")
    TicketFactory(ticket_type=vip, status=TicketStatus.CANCELLED)
    TicketFactory(ticket_type=general, order=OrderFactory(event=event, status=OrderStatus.PENDING_PAYMENT))
    workshop = SessionFactory(event=event, requires_signup=True)
    SessionSeatFactory(ticket=a, session=workshop)
    SessionSeatFactory(ticket=b, session=workshop, status=SeatStatus.WAITING)
    ExhibitorFactory(contact_email="congty@example.com")

    def audience(**kwargs):
        return services.audience(_announcement(**kwargs))

    assert audience(event=event) == {"team@example.com": "en", "binh@example.com": "vi"}
    assert audience(audience=Audience.TICKET_TYPE, ticket_type=vip) == {
        "team@example.com": "en",
        "binh@example.com": "vi",
    }
    assert audience(audience=Audience.SESSION_SEATS, session=workshop) == {"team@example.com": "en"}
    assert "congty@example.com" in audience(audience=Audience.EXHIBITORS)


def test_an_announcement_to_2000_people_goes_in_batches_and_survives_a_dead_worker(
    settings, django_capture_on_commit_callbacks
):
    settings.ANNOUNCEMENT_BATCH_SIZE = 500
    ticket_type = TicketTypeFactory(capacity=3000)
    _attendees(ticket_type, 1500)
    _attendees(ticket_type, 500, language="en")
    announcement = _announcement(event=ticket_type.event)
    assert services.preview(announcement) == {"recipients": 2000, "unsubscribed": 0}

    # Started without running the queued task: a worker takes one batch, then dies before the next.
    with django_capture_on_commit_callbacks(execute=False):
        services.start_announcement(announcement)
    assert services.send_batch(announcement.pk) == 500
    assert len(mail.outbox) == 500
    assert services.progress(announcement)["sent"] == 500
    assert AnnouncementRecipient.objects.filter(status=RecipientStatus.PENDING).count() == 1500

    # Beat finds it stalled and queues it again; the batches chain until all are sent.
    assert services.resume_stalled_announcements(now=timezone.now() + timedelta(minutes=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.resume_stalled_announcements(now=timezone.now() + timedelta(minutes=3)) == 1

    addresses = [m.to[0] for m in mail.outbox]
    assert len(addresses) == 2000 and len(set(addresses)) == 2000, "each address exactly once"
    log = AnnouncementRecipient.objects.filter(announcement=announcement)
    assert (
        log.count() == 2000 and log.filter(status=RecipientStatus.SENT, sent_at__isnull=False).count() == 2000
    )
    announcement.refresh_from_db()
    assert announcement.status == AnnouncementStatus.SENT and announcement.finished_at
    english = [m for m in mail.outbox if m.subject == "Change of entrance"]
    assert len(english) == 500 and "Please use gate 2." in english[0].body


def test_a_batch_costs_the_same_queries_whatever_its_size(settings, django_capture_on_commit_callbacks):
    ticket_type = TicketTypeFactory(capacity=100)
    _attendees(ticket_type, 60)
    announcement = _announcement(event=ticket_type.event)
    with django_capture_on_commit_callbacks(execute=False):
        services.start_announcement(announcement)

    def queries(size):
        with CaptureQueriesContext(connection) as captured:
            assert services.send_batch(announcement.pk, size=size) == size
        return len(captured)

    assert queries(1) == queries(3) == queries(50)


def test_a_mail_server_outage_keeps_the_rest_waiting(settings, django_capture_on_commit_callbacks):
    ticket_type = TicketTypeFactory()
    _attendees(ticket_type, 5)
    announcement = _announcement(event=ticket_type.event)
    settings.EMAIL_BACKEND = "tests.messaging.backends.DownBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.start_announcement(announcement)

    announcement.refresh_from_db()
    assert announcement.status == AnnouncementStatus.SENDING and "refused" in announcement.last_error
    assert services.progress(announcement)["waiting"] == 5

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.resume_stalled_announcements(now=timezone.now() + timedelta(minutes=3))
    assert len(mail.outbox) == 5
    announcement.refresh_from_db()
    assert announcement.status == AnnouncementStatus.SENT and announcement.last_error == ""


def test_sending_twice_and_empty_audiences_are_refused(django_capture_on_commit_callbacks):
    ticket_type = TicketTypeFactory()
    _attendees(ticket_type, 2)
    announcement = _announcement(event=ticket_type.event)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_announcement(announcement)
    with pytest.raises(services.AnnouncementError) as error:
        services.start_announcement(announcement)
    assert error.value.code == "already_sent"
    assert len(mail.outbox) == 2

    with pytest.raises(services.AnnouncementError) as error:
        services.start_announcement(_announcement(event=EventPageFactory()))
    assert error.value.code == "empty"


def test_unsubscribing_by_the_signed_link_stops_announcements_but_not_ticket_messages(
    client, site_pages, django_capture_on_commit_callbacks
):
    ticket_type = TicketTypeFactory()
    _attendees(ticket_type, 2)
    first = _announcement(event=ticket_type.event)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_announcement(first)
    message = next(m for m in mail.outbox if m.to == ["khach0@example.com"])
    url = reverse("messaging:unsubscribe", args=[unsubscribe_token("khach0@example.com")])
    assert url in message.body and message.extra_headers["List-Unsubscribe"].endswith(f"{url}>")

    page = client.get(url)
    assert page.status_code == 200 and "khach0@example.com" in page.content.decode()
    assert not AnnouncementOptOut.objects.exists(), "opening the link (a mail scanner) changes nothing"
    assert client.post(url).status_code == 200
    assert AnnouncementOptOut.objects.filter(email="khach0@example.com").exists()

    second = _announcement(event=ticket_type.event)
    assert services.preview(second) == {"recipients": 1, "unsubscribed": 1}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.start_announcement(second)
    assert [m.to for m in mail.outbox] == [["khach1@example.com"]]
    assert AnnouncementRecipient.objects.get(announcement=second, email="khach0@example.com").status == (
        RecipientStatus.UNSUBSCRIBED
    )

    # Reminders about their own ticket still come.
    from messaging.services import send_due_reminders

    ticket_type.event.starts_at = timezone.now() + timedelta(hours=3)
    ticket_type.event.save()
    send_due_reminders()
    assert "khach0@example.com" in [m.to[0] for m in mail.outbox]


def test_a_changed_or_made_up_unsubscribe_link_is_a_clear_400(client, site_pages):
    token = unsubscribe_token("a@example.com")
    for bad in (token[:-3] + "xyz", "khong-phai-ma"):
        response = client.post(reverse("messaging:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "không dùng được" in response.content.decode()
    assert not AnnouncementOptOut.objects.exists()


def test_the_announcements_are_in_the_download_and_go_with_an_erasure(django_capture_on_commit_callbacks):
    from registration.services import erase_personal_data, personal_data

    ticket = TicketFactory(email="lan@example.com")
    announcement = _announcement(event=ticket.ticket_type.event)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_announcement(announcement)
    services.unsubscribe("lan@example.com")

    data = personal_data(ticket.order)
    assert [r["email"] for r in data["announcements"]] == ["lan@example.com"]
    assert [r["email"] for r in data["announcement_opt_outs"]] == ["lan@example.com"]
    erase_personal_data(ticket.order)
    assert not AnnouncementRecipient.objects.exists() and not AnnouncementOptOut.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_on_one_announcement_never_send_an_address_twice(run_parallel, settings):
    settings.EMAIL_BACKEND = "tests.messaging.backends.SlowBackend"
    ticket_type = TicketTypeFactory(capacity=100)
    announcement = _announcement(
        event=ticket_type.event, status=AnnouncementStatus.SENDING, recipient_count=40
    )
    # The rows `start_announcement` would fix, made here so that no task runs them before the workers.
    AnnouncementRecipient.objects.bulk_create(
        [AnnouncementRecipient(announcement=announcement, email=f"nguoi{i}@example.com") for i in range(40)]
    )

    def worker(index):
        sent = 0
        while batch := services.send_batch(announcement.pk, size=5):
            sent += batch
        return sent

    results = run_parallel(2, worker)

    assert not any(isinstance(r, Exception) for r in results), results
    assert sum(results) == 40 and all(results), f"the workers did not share the batches: {results}"
    addresses = [m.to[0] for m in mail.outbox]
    assert len(addresses) == 40 and len(set(addresses)) == 40
    announcement.refresh_from_db()
    assert announcement.status == AnnouncementStatus.SENT
