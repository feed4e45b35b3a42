"""Bulk badge PDFs: made in the background with progress, downloadable only by organisers, at a
fixed number of queries whatever the number of badges."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from checkin import badges
from checkin.badge_admin import job_data
from checkin.models import BadgeJob, BadgeJobStatus
from tests.checkin.test_badges import decoded, render_pages
from tests.factories.registration import TicketFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/checkin/badges/"


def start(admin_client, capture, **fields):
    with capture(execute=True):
        response = admin_client.post(INDEX, fields)
    assert response.status_code == 302, response.content.decode()[:500]
    return BadgeJob.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))


def test_job_runs_to_100_percent_and_organisers_download_it(
    admin_client, django_capture_on_commit_callbacks, checkin_list, ticket, ticket_type
):
    others = [TicketFactory(ticket_type=ticket_type, attendee_name=name) for name in ("An", "Bình")]
    job = start(admin_client, django_capture_on_commit_callbacks, checkin_list=checkin_list.pk)

    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent) == (BadgeJobStatus.DONE, 3, 3, 100)
    status = admin_client.get(f"{INDEX}{job.pk}/status.json").json()
    assert status["percent"] == 100 and status["download_url"] == f"{INDEX}{job.pk}/download/"
    page = admin_client.get(f"{INDEX}{job.pk}/").content.decode()
    assert '<progress id="badge-progress" max="100" value="100"' in page
    assert '<label for="badge-progress">' in page

    response = admin_client.get(status["download_url"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    secrets = [decoded(image) for _, image in render_pages(content, scale=2)]
    # Sorted by name: An, Bình, Nguyễn Thị Lan.
    assert secrets == [[others[0].secret], [others[1].secret], [ticket.secret]]


def test_progress_is_recorded_while_the_job_runs(ticket_type, monkeypatch):
    for _ in range(3):
        TicketFactory(ticket_type=ticket_type)
    job = BadgeJob.objects.create(ticket_type=ticket_type)
    seen = []
    monkeypatch.setattr(badges, "PROGRESS_EVERY", 1)

    def watch(done):
        seen.append(job_data(BadgeJob.objects.get(pk=job.pk))["percent"])

    original = badges.badges_pdf

    def with_watch(tickets, on_progress=None):
        def both(done):
            on_progress(done)
            watch(done)

        return original(tickets, on_progress=both)

    monkeypatch.setattr(badges, "badges_pdf", with_watch)
    badges.run_job(job.pk)
    assert seen == [33, 66, 100]
    job.refresh_from_db()
    assert job.status == BadgeJobStatus.DONE and job.finished_at is not None


def test_only_organisers_with_the_permission_see_jobs_or_files(
    admin_client, client, django_user_model, django_capture_on_commit_callbacks, ticket, ticket_type
):
    job = start(admin_client, django_capture_on_commit_callbacks, ticket_type=ticket_type.pk)
    urls = [INDEX, f"{INDEX}{job.pk}/", f"{INDEX}{job.pk}/status.json", f"{INDEX}{job.pk}/download/"]

    for url in urls:  # not logged in: the admin's login
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url

    volunteer = django_user_model.objects.create_user("lan", password="mat-khau-dai-123")
    volunteer.groups.add(Group.objects.get(name="Check-in staff"))
    client.force_login(volunteer)
    for url in urls:  # a volunteer at the gate: no admin, no file
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url

    editor = django_user_model.objects.create_user("bien-tap", password="mat-khau-dai-123")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    for url in urls:  # in the admin, but without the badge permission: sent back to the admin's home
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url


def test_bad_choices_are_a_clear_400(admin_client):
    response = admin_client.post(INDEX, {})
    assert response.status_code == 400
    assert "Chọn một danh sách check-in hoặc một loại vé." in response.content.decode()
    assert admin_client.post(INDEX, {"checkin_list": "999"}).status_code == 400
    assert admin_client.get(f"{INDEX}999/download/").status_code == 404
    assert BadgeJob.objects.count() == 0


def test_a_job_not_done_has_no_download(admin_client, ticket_type):
    job = BadgeJob.objects.create(ticket_type=ticket_type, status=BadgeJobStatus.RUNNING, total=4, done=1)
    assert admin_client.get(f"{INDEX}{job.pk}/download/").status_code == 404
    data = admin_client.get(f"{INDEX}{job.pk}/status.json").json()
    assert (data["percent"], data["download_url"]) == (25, None)


def test_old_jobs_and_their_files_are_deleted(ticket, ticket_type):
    import io
    from datetime import timedelta

    from django.core.files.storage import default_storage
    from django.core.management import call_command
    from django.utils import timezone

    from checkin.tasks import delete_old_badge_jobs

    old = badges.run_job(BadgeJob.objects.create(ticket_type=ticket_type).pk)
    name = old.file.name
    assert default_storage.exists(name)
    BadgeJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=15))
    recent = badges.run_job(BadgeJob.objects.create(ticket_type=ticket_type).pk)
    call_command("delete_old_badge_pdfs", stdout=io.StringIO())
    assert not default_storage.exists(name)
    assert list(BadgeJob.objects.all()) == [recent] and default_storage.exists(recent.file.name)
    assert delete_old_badge_jobs.delay().get() == 0  # the daily beat task, run as the worker would


@pytest.mark.parametrize("count", [1, 3])
def test_queries_do_not_grow_with_the_badges(count, ticket_type, event, django_assert_num_queries):
    from checkin.models import BadgeLayout, BadgeSettings
    from tests.factories.checkin import CheckInListFactory
    from tests.factories.registration import TicketTypeFactory

    # Two ticket types, one with a layout row and one without, on one list.
    label_type = TicketTypeFactory(event=event)
    BadgeSettings.objects.create(ticket_type=label_type, layout=BadgeLayout.LABEL_62)
    for index in range(count):
        TicketFactory(ticket_type=label_type if index % 2 else ticket_type)
    job = BadgeJob.objects.create(checkin_list=CheckInListFactory(event=event))
    with CaptureQueriesContext(connection) as queries:
        badges.run_job(job.pk)
    # Read the job, count, mark running, read the tickets (one query), save the file's row.
    assert len(queries) == 5, [q["sql"] for q in queries]
    job.refresh_from_db()
    assert job.total == count
