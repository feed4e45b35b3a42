"""Feedback on sessions: only admitted tickets, after the session, once per ticket and session; invited
once by e-mail; results in the admin; public averages from five ratings; answers never public."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import SessionSpeaker
from participation import links, queries, services
from participation.models import FeedbackInvitation, SessionFeedback
from tests.factories.checkin import CheckInFactory, CheckInListFactory
from tests.factories.events import EventPageFactory, SessionFactory, SpeakerFactory
from tests.factories.registration import TicketFactory, TicketTypeFactory
from tests.html import unresolved_references

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(site_pages):
    """Yesterday's event: a morning session (with a door list), an afternoon one, a break."""
    start = (timezone.localtime() - timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
    event = EventPageFactory(starts_at=start, ends_at=start + timedelta(hours=10))
    morning = SessionFactory(
        event=event, starts_at=start + timedelta(hours=1), ends_at=start + timedelta(hours=2)
    )
    afternoon = SessionFactory(
        event=event, starts_at=start + timedelta(hours=6), ends_at=start + timedelta(hours=7)
    )
    SessionFactory(
        event=event,
        session_type="break",
        starts_at=start + timedelta(hours=3),
        ends_at=start + timedelta(hours=4),
    )
    ticket_type = TicketTypeFactory(event=event)
    return {
        "event": event,
        "start": start,
        "morning": morning,
        "afternoon": afternoon,
        "gate": CheckInListFactory(event=event),
        "door": CheckInListFactory(event=event, session=morning, name="Cửa phòng A"),
        "ticket_type": ticket_type,
    }


def admitted(day, at="gate", **ticket_fields):
    ticket = TicketFactory(ticket_type=day["ticket_type"], **ticket_fields)
    CheckInFactory(ticket=ticket, checkin_list=day[at], created_at=day["start"] + timedelta(minutes=50))
    return ticket


def feedback_url(ticket, session):
    return links.feedback_path(ticket.pk, session.pk)


def linked_feedback(html):
    """(ticket id, session id) of each feedback link in the page: read from the links' tokens, which
    carry the second they were signed and so differ from one rendered a second later."""
    return {links.read_feedback_token(token) for token in re.findall(r"/vi/feedback/([^/\"]+)/", html)}


def test_who_may_give_feedback(day):
    at_gate, at_door = admitted(day, "gate"), admitted(day, "door")
    never_scanned = TicketFactory(ticket_type=day["ticket_type"])
    refused = TicketFactory(ticket_type=day["ticket_type"])
    CheckInFactory(ticket=refused, checkin_list=day["gate"], successful=False, reason="invalid")
    undone = TicketFactory(ticket_type=day["ticket_type"])
    CheckInFactory(ticket=undone, checkin_list=day["gate"], annulled_at=timezone.now())
    other_day = TicketFactory(ticket_type=day["ticket_type"])
    CheckInFactory(ticket=other_day, checkin_list=day["gate"], created_at=day["start"] - timedelta(days=1))

    assert queries.admitted_session_ids(at_gate) == [day["morning"].pk, day["afternoon"].pk]  # no break
    assert queries.admitted_session_ids(at_door) == [day["morning"].pk]
    for ticket in (never_scanned, refused, undone, other_day):
        assert queries.admitted_session_ids(ticket) == []
    # Before a session ends, nobody rates it.
    assert queries.admitted_session_ids(at_gate, now=day["start"] + timedelta(hours=3)) == [day["morning"].pk]


def test_one_feedback_per_ticket_and_session_changeable(client, day):
    ticket = admitted(day)
    url = feedback_url(ticket, day["morning"])
    page = client.get(url)
    assert page.status_code == 200 and day["morning"].title in page.content.decode()
    response = client.post(url, {"rating": "4", "most_useful": "Phần demo.", "should_change": ""})
    assert response.status_code == 302 and response.headers["Location"].endswith("?saved=1")
    client.post(url, {"rating": "2", "most_useful": "Phần demo.", "should_change": "Phòng nóng."})
    feedback = SessionFeedback.objects.get()
    assert (feedback.rating, feedback.should_change) == (2, "Phòng nóng.")
    again = client.get(url).content.decode()
    assert "thay thế" in again  # "sending again replaces it"


def test_bad_input_and_foreign_links_are_refused(client, day):
    ticket, outsider = admitted(day, "door"), TicketFactory(ticket_type=day["ticket_type"])
    url = feedback_url(ticket, day["morning"])
    for bad in (
        {},
        {"rating": "6"},
        {"rating": "0"},
        {"rating": "x"},
        {"rating": "3", "most_useful": "x" * 1001},
    ):
        response = client.post(url, bad)
        assert response.status_code == 400, bad
        assert 'role="alert"' in response.content.decode()
        assert unresolved_references(response.content.decode()) == []
    # Admitted at the morning door only: the afternoon is not theirs to rate.
    assert client.get(feedback_url(ticket, day["afternoon"])).status_code == 403
    assert client.post(feedback_url(ticket, day["afternoon"]), {"rating": "5"}).status_code == 403
    assert client.post(feedback_url(outsider, day["morning"]), {"rating": "5"}).status_code == 403
    # A link this site did not sign, or one with its signature changed, opens nothing.
    assert client.get("/vi/feedback/not-a-token/").status_code == 404
    token = links.feedback_token(ticket.pk, day["afternoon"].pk)
    assert client.get(f"/vi/feedback/{token[:-2]}xx/").status_code == 404
    assert SessionFeedback.objects.count() == 0


def test_floods_get_429_with_a_clear_message(client, day, settings):
    settings.SESSION_FEEDBACK_RATE = "2/10m"
    url = feedback_url(admitted(day), day["morning"])
    for _ in range(2):
        assert client.post(url, {"rating": "5"}).status_code == 302
    flooded = client.post(url, {"rating": "1"})
    assert flooded.status_code == 429 and "Quá nhiều yêu cầu" in flooded.content.decode()
    assert SessionFeedback.objects.get().rating == 5


def test_invitations_are_sent_once_per_ticket_and_day(day, django_capture_on_commit_callbacks):
    with_email = admitted(day, "gate", attendee_name="Trần Văn Nam")
    admitted(day, "door")
    not_admitted = TicketFactory(ticket_type=day["ticket_type"])
    en = admitted(day, "gate")
    en.order.language = "en"
    en.order.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_feedback_invitations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert FeedbackInvitation.objects.count() == 3
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert not_admitted.email not in by_recipient
    vi = by_recipient[with_email.email]
    assert vi.subject == "Các phiên thế nào? Cho chúng tôi biết trong một phút"
    assert "Xin chào Trần Văn Nam," in vi.body
    assert day["morning"].title in vi.body and day["afternoon"].title in vi.body
    paths = re.findall(r"http://\S+/vi/feedback/\S+/", vi.body)
    assert len(paths) == 2
    assert "How were the sessions?" in by_recipient[en.email].subject
    assert "/en/feedback/" in by_recipient[en.email].body
    # A second run sends nothing again.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_feedback_invitations() == 0
    assert len(mail.outbox) == 3


def test_no_invitation_while_the_day_still_has_sessions(day, django_capture_on_commit_callbacks):
    admitted(day)
    SessionFactory(
        event=day["event"],
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    SessionFactory(
        event=day["event"],
        starts_at=day["start"] + timedelta(hours=9),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_feedback_invitations() == 0
    assert mail.outbox == []


def test_the_ticket_page_links_to_feedback(client, day):
    ticket = admitted(day, "door")
    from registration.tokens import manage_token

    html = client.get(f"/vi/registration/{manage_token(ticket.order)}/ticket/{ticket.pk}/").content.decode()
    assert linked_feedback(html) == {(ticket.pk, day["morning"].pk)}


def give(day, session, ratings, answer="Rất hữu ích, cảm ơn diễn giả."):
    for rating in ratings:
        ticket = admitted(day)
        services.give_feedback(ticket, session, rating=rating, most_useful=answer, should_change="Bí mật")


def test_public_average_from_five_ratings_answers_never_public(client, day):
    session = day["morning"]
    session_url = f"{day['event'].url}sessions/{session.slug}/"
    api = f"/api/v1/events/{day['event'].pk}/sessions/"
    give(day, session, [5, 4, 4, 5])
    assert "Điểm của người tham dự" not in client.get(session_url).content.decode()
    rows = {row["id"]: row for row in client.get(api).json()["results"]}
    assert rows[session.pk]["rating"] is None
    give(day, session, [2])
    html = client.get(session_url).content.decode()
    assert "4,0 trên 5 từ 5 người tham dự" in html
    assert "Rất hữu ích" not in html and "Bí mật" not in html
    rows = {row["id"]: row for row in client.get(api).json()["results"]}
    assert rows[session.pk]["rating"] == {"average": 4.0, "count": 5}
    assert rows[day["afternoon"].pk]["rating"] is None
    body = client.get(api).content.decode()
    assert "Bí mật" not in body and "@" not in body.replace("@context", "")


def test_a_future_session_has_no_public_rating(client, site_pages):
    future = SessionFactory(
        starts_at=timezone.now() + timedelta(days=2), ends_at=timezone.now() + timedelta(days=2, hours=1)
    )
    rows = client.get(f"/api/v1/events/{future.event.pk}/sessions/").json()["results"]
    assert rows[0]["rating"] is None


def test_the_schema_documents_the_rating(client):
    schema = client.get("/api/schema/?format=json").json()
    rating = schema["components"]["schemas"]["Session"]["properties"]["rating"]
    assert rating["nullable"] is True and set(rating["properties"]) == {"average", "count"}


def test_the_sessions_api_runs_the_same_queries_for_one_session_with_feedback_and_three(client, day):
    api = f"/api/v1/events/{day['event'].pk}/sessions/"

    def count():
        client.get(api)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(api).status_code == 200
        return len(captured)

    give(day, day["morning"], [5, 4, 4, 5, 3])
    one = count()
    give(day, day["afternoon"], [5, 4, 4, 5, 3, 1])
    SessionFactory(event=day["event"], starts_at=day["start"], ends_at=day["start"] + timedelta(minutes=30))
    assert count() == one


def test_results_per_session_and_per_speaker_in_the_admin(admin_client, day):
    speaker = SpeakerFactory(name="TS. Lê Thu Hà")
    SessionSpeaker.objects.create(session=day["morning"], speaker=speaker)
    give(day, day["morning"], [5, 3])
    give(day, day["afternoon"], [1])
    response = admin_client.get("/admin/participation/feedback-results/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<svg role="img"') == 2
    assert "TS. Lê Thu Hà" in html and day["morning"].title in html
    # Each chart has its table with the numbers, so it reads without colour or sight.
    assert re.search(r"<th scope=\"row\">TS. Lê Thu Hà</th><td>2</td><td>4,00</td>", html)
    filtered = admin_client.get(f"/admin/participation/feedback-results/?event={day['event'].pk}")
    assert filtered.status_code == 200
    assert admin_client.get("/admin/participation/feedback-results/?event=abc").status_code == 200

    def count(url):
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(url).status_code == 200
        return len(captured)

    url = "/admin/participation/feedback-results/"
    count(url)
    one = count(url)
    other = SessionFactory(
        event=day["event"], starts_at=day["start"], ends_at=day["start"] + timedelta(minutes=30)
    )
    give(day, other, [4, 4])
    assert count(url) == one


def test_every_answer_is_listed_and_exported(admin_client, day):
    give(day, day["morning"], [4], answer="Ví dụ thực tế.")
    listing = admin_client.get("/admin/participation/feedback/")
    assert listing.status_code == 200 and "Ví dụ thực tế." in listing.content.decode()
    feedback = SessionFeedback.objects.get()
    inspect = admin_client.get(f"/admin/participation/feedback/inspect/{feedback.pk}/")
    assert inspect.status_code == 200 and "Ví dụ thực tế." in inspect.content.decode()
    assert "/edit/" not in inspect.content.decode().split("<main", 1)[-1]  # answers are not edited
    csv = admin_client.get("/admin/participation/feedback/?export=csv")
    assert csv.status_code == 200
    assert "Ví dụ thực tế." in b"".join(csv.streaming_content).decode()
    xlsx = admin_client.get("/admin/participation/feedback/?export=xlsx")
    assert xlsx.status_code == 200
    from core.models import ExportLog

    assert ExportLog.objects.count() == 2


def test_the_ticket_page_runs_the_same_queries_for_one_session_to_rate_and_three(client, day, count_queries):
    from registration.tokens import manage_token

    ticket = admitted(day, "door")
    url = f"/vi/registration/{manage_token(ticket.order)}/ticket/{ticket.pk}/"
    one = count_queries(client, url)
    # Admitted at the gate too: now the morning, the afternoon and an evening session to rate.
    SessionFactory(
        event=day["event"],
        starts_at=day["start"] + timedelta(hours=8),
        ends_at=day["start"] + timedelta(hours=9),
    )
    CheckInFactory(ticket=ticket, checkin_list=day["gate"], created_at=day["start"] + timedelta(minutes=55))
    assert len(queries.admitted_session_ids(ticket)) == 3
    services.give_feedback(ticket, day["morning"], rating=5)
    html = client.get(url).content.decode()
    assert (ticket.pk, day["afternoon"].pk) in linked_feedback(html) and "đã góp ý" in html
    assert count_queries(client, url) == one
