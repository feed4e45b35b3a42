"""A bulk badge job through a real Celery worker (a thread consuming the configured broker), not run
eagerly: the request only queues it, the page's status endpoint sees it finish, the file downloads."""

import time

import pytest

from tests.checkin.test_badges import decoded, render_pages
from tests.factories.registration import TicketFactory


@pytest.fixture
def celery_worker_thread():
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
            yield app
    finally:
        app.conf.task_always_eager = eager


@pytest.mark.django_db(transaction=True)
def test_a_worker_draws_the_job_while_the_page_polls(celery_worker_thread, admin_client, ticket_type, caplog):
    from checkin.models import BadgeJob

    tickets = [TicketFactory(ticket_type=ticket_type, attendee_name=f"Người {n}") for n in range(3)]
    response = admin_client.post("/admin/checkin/badges/", {"ticket_type": ticket_type.pk})
    job = BadgeJob.objects.get()
    assert response["Location"] == f"/admin/checkin/badges/{job.pk}/"
    # Queued on the broker, not run in the request (core.tasks.enqueue's fallback says so when it does).
    assert "Task broker unreachable" not in caplog.text

    deadline = time.monotonic() + 60
    while True:
        status = admin_client.get(f"/admin/checkin/badges/{job.pk}/status.json").json()
        if status["status"] in ("done", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert (status["status"], status["percent"], status["done"], status["total"]) == ("done", 100, 3, 3)

    content = b"".join(admin_client.get(status["download_url"]).streaming_content)
    assert [decoded(image) for _, image in render_pages(content, scale=2)] == [[t.secret] for t in tickets]
