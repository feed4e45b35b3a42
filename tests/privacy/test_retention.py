"""Retention on a time-travelled clock: leads 6 months after the event, attendees 12, counts kept;
a second run does nothing; two runs at once on PostgreSQL: one wins, nothing is done twice."""

import threading

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.db import connection, transaction
from wagtail.models import ModelLogEntry

from content.models import SupportRequest
from exhibitors.models import Lead
from registration import services
from registration.models import Order, RetentionRun, Ticket
from registration.services.retention import RETENTION_LOCK


def months_after_event(visitor, months, days=1):
    return visitor.order.event.ends_at + relativedelta(months=months, days=days)


@pytest.mark.django_db
def test_leads_go_after_six_months_attendees_after_twelve(visitor):
    event_end = visitor.order.event.ends_at
    assert services.apply_retention(now=event_end + relativedelta(months=5)) == dict.fromkeys(
        services.apply_retention(now=event_end, dry_run=True), 0
    )

    after_leads = services.apply_retention(now=months_after_event(visitor, 6))
    assert after_leads["exhibitors"] == 2 and after_leads["tickets"] == 0 and after_leads["order"] == 0
    lead = Lead.objects.get(pk=visitor.leads[0].pk)
    assert (lead.name, lead.email, lead.note, lead.rating, lead.shared) == ("", "", "", None, False)
    assert lead.erased_at and not lead.erased_on_request
    assert Ticket.objects.get(pk=visitor.ticket.pk).attendee_name == "Nguyễn Văn An"

    preview = services.apply_retention(now=months_after_event(visitor, 12), dry_run=True)
    assert preview["tickets"] == 1 and preview["order"] == 1
    assert Ticket.objects.get(pk=visitor.ticket.pk).attendee_name == "Nguyễn Văn An"

    counts = services.apply_retention(now=months_after_event(visitor, 12))
    assert counts["tickets"] == 1 and counts["order"] == 1 and counts["emails"] >= 1 and counts["scans"] == 1
    ticket = Ticket.objects.get(pk=visitor.ticket.pk)
    assert (ticket.attendee_name, ticket.email, ticket.phone, ticket.organisation) == ("", "", "", "")
    # Counts stay: the ticket is still valid (attendance statistics), the order keeps its money.
    assert ticket.status == "valid" and Order.objects.get(pk=visitor.order.pk).erased_at
    assert Lead.objects.filter(exhibitor__in=visitor.exhibitors).count() == 2

    # The next day's run finds nothing: nothing is done twice.
    again = services.apply_retention(now=months_after_event(visitor, 12, days=2))
    assert set(again.values()) == {0}
    runs = RetentionRun.objects.order_by("started_at")
    assert runs.count() == 4  # dry runs leave no run and no entry
    entries = ModelLogEntry.objects.filter(action="registration.retention_applied")
    assert entries.count() == 4
    assert entries.order_by("pk")[2].data["counts"]["tickets"] == 1


@pytest.mark.django_db
def test_support_requests_expire_twelve_months_after_they_were_sent(visitor):
    sent = visitor.support_request.created_at
    assert services.apply_retention(now=sent + relativedelta(months=11))["support_requests"] == 0
    assert services.apply_retention(now=sent + relativedelta(months=12, days=1))["support_requests"] == 1
    request = SupportRequest.objects.get(pk=visitor.support_request.pk)
    assert (request.name, request.email, request.message) == ("", "", "") and request.topic


@pytest.mark.django_db
def test_the_command_and_its_dry_run(visitor, capsys):
    call_command("apply_retention", "--dry-run")
    assert "would be anonymised" in capsys.readouterr().out
    assert not RetentionRun.objects.exists()
    call_command("apply_retention")
    assert "tickets: 0 anonymised" in capsys.readouterr().out
    assert RetentionRun.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_run_while_another_holds_the_lock_does_nothing(visitor):
    holding, release = threading.Event(), threading.Event()

    def other_run():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RETENTION_LOCK])
            holding.set()
            release.wait(30)
        connection.close()

    thread = threading.Thread(target=other_run)
    thread.start()
    try:
        assert holding.wait(30)
        with pytest.raises(services.RetentionBusy):
            services.apply_retention(now=months_after_event(visitor, 13))
    finally:
        release.set()
        thread.join(30)
    assert Ticket.objects.get(pk=visitor.ticket.pk).attendee_name == "Nguyễn Văn An"
    assert not RetentionRun.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_one_wins_nothing_twice(visitor, run_parallel):
    now = months_after_event(visitor, 13)
    results = run_parallel(2, lambda index: services.apply_retention(now=now))
    done = [r for r in results if isinstance(r, dict)]
    busy = [r for r in results if isinstance(r, services.RetentionBusy)]
    assert len(done) + len(busy) == 2, results
    # Whether the second started while the first ran (busy) or after it (found nothing), the rows
    # were anonymised once.
    assert sum(r["tickets"] for r in done) == 1 and sum(r["exhibitors"] for r in done) == 2
    assert [run.counts["tickets"] for run in RetentionRun.objects.order_by("pk")][:1] == [1]
    assert sum(run.counts["tickets"] for run in RetentionRun.objects.all()) == 1


@pytest.mark.django_db
def test_names_signed_on_session_questions_go_with_the_attendees(visitor):
    from participation.models import Question

    question = Question.objects.create(
        session=visitor.seat_session, text="Dữ liệu mở có API không?", name="Anh An", browser="ab" * 32
    )
    assert services.apply_retention(now=months_after_event(visitor, 11))["session_questions"] == 0
    assert services.apply_retention(now=months_after_event(visitor, 12))["session_questions"] == 1
    question.refresh_from_db()
    assert (question.name, question.browser, question.text) == ("", "", "Dữ liệu mở có API không?")


@pytest.mark.django_db
def test_the_daily_beat_task_runs_the_same_retention(settings, visitor):
    from registration import tasks

    schedule = settings.CELERY_BEAT_SCHEDULE["apply-privacy-retention"]
    assert schedule["task"] == "registration.tasks.apply_retention" and schedule["schedule"] == 24 * 60 * 60
    counts = tasks.apply_retention.delay().get()
    assert counts["tickets"] == 0 and RetentionRun.objects.get().counts == counts
