"""Questions at sessions: asked, moderated, upvoted once per browser, shown on the screen and in the API."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participation import links, services
from participation.browser import browser_key
from participation.models import Moderation, Question, QuestionVote
from participation.queries import qa_is_open
from tests.html import description, unresolved_references
from tests.participation.conftest import BROWSER_UA

pytestmark = pytest.mark.django_db


def ask(client, session, text="Thành phố hỗ trợ doanh nghiệp nhỏ chuyển đổi số thế nào?", name=""):
    return client.post(f"/vi/qa/{session.pk}/", {"text": text, "name": name, "website": ""})


def approved(session, text="Dữ liệu mở có những gì?", votes=0, **fields):
    return Question.objects.create(
        session=session, text=text, browser="x" * 64, status=Moderation.APPROVED, votes=votes, **fields
    )


def moderate(client, session, question, action):
    url = f"/vi/qa/{session.pk}/moderate/{links.moderator_key(session.pk)}/"
    return client.post(url, {"question": question.pk, "action": action})


def test_a_question_waits_for_its_moderator_before_anyone_sees_it(client, running_session, audit_actions):
    response = ask(client, running_session, name="Lê Thị Hoa")
    assert response.status_code == 302 and response.headers["Location"].endswith("?asked=1#ask")
    question = Question.objects.get()
    assert (question.status, question.name) == (Moderation.PENDING, "Lê Thị Hoa")
    assert audit_actions(question) == ["participation.question_asked"]
    page = client.get(response.headers["Location"]).content.decode()
    assert "sau khi người điều phối duyệt" in page and "doanh nghiệp nhỏ" not in page
    api = client.get(f"/api/v1/sessions/{running_session.pk}/questions/").json()
    assert api["count"] == 0

    assert moderate(client, running_session, question, "approve").status_code == 302
    page = client.get(f"/vi/qa/{running_session.pk}/").content.decode()
    assert "doanh nghiệp nhỏ" in page and "Lê Thị Hoa" in page
    api = client.get(f"/api/v1/sessions/{running_session.pk}/questions/").json()
    assert api["results"] == [
        {
            "id": question.pk,
            "text": question.text,
            "name": "Lê Thị Hoa",
            "votes": 0,
            "is_answered": False,
            "is_pinned": False,
            "asked_at": api["results"][0]["asked_at"],
        }
    ]


def test_questions_are_refused_outside_the_session(client, past_session):
    response = ask(client, past_session)
    assert response.status_code == 409
    assert "không nhận câu hỏi" in response.content.decode()
    assert not Question.objects.exists()


def test_bad_input_is_a_400_that_keeps_what_was_typed(client, running_session):
    response = ask(client, running_session, text="Hả?", name="Bình")
    assert response.status_code == 400
    page = response.content.decode()
    assert "ít nhất 5 ký tự" in page and 'value="Bình"' in page
    assert "ít nhất 5 ký tự" in description(page, "id_text") and unresolved_references(page) == []
    assert ask(client, running_session, text="x" * 301).status_code == 400
    assert not Question.objects.exists()


def test_one_vote_per_browser_and_none_for_unapproved_questions(client, running_session):
    question = approved(running_session)
    url = f"/vi/qa/{running_session.pk}/questions/{question.pk}/vote/"
    first = client.post(url, HTTP_ACCEPT="application/json")
    assert first.json() == {"id": question.pk, "votes": 1, "counted": True}
    again = client.post(url, HTTP_ACCEPT="application/json")
    assert again.json() == {"id": question.pk, "votes": 1, "counted": False}
    other = Client(HTTP_USER_AGENT=BROWSER_UA)
    assert other.post(url).status_code == 302
    question.refresh_from_db()
    assert question.votes == 2 == QuestionVote.objects.count()
    page = client.get(f"/vi/qa/{running_session.pk}/").content.decode()
    assert "Bạn đã bình chọn câu này" in page

    pending = Question.objects.create(session=running_session, text="Chưa duyệt", browser="y" * 64)
    assert client.post(f"/vi/qa/{running_session.pk}/questions/{pending.pk}/vote/").status_code == 404
    bot = client.post(url, HTTP_USER_AGENT="curl/8.5.0", HTTP_ACCEPT="application/json")
    assert bot.status_code == 403
    question.refresh_from_db()
    assert question.votes == 2


def test_moderation_steps_cannot_be_skipped_and_one_question_is_pinned(client, running_session):
    pending = Question.objects.create(session=running_session, text="Câu hỏi chờ duyệt", browser="z" * 64)
    refused = moderate(client, running_session, pending, "answer")
    assert refused.status_code == 400 and "Hãy duyệt câu hỏi trước." in refused.content.decode()
    first, second = approved(running_session, "Câu một"), approved(running_session, "Câu hai")
    moderate(client, running_session, first, "pin")
    moderate(client, running_session, second, "pin")
    assert list(Question.objects.filter(is_pinned=True)) == [second]
    moderate(client, running_session, second, "answer")
    second.refresh_from_db()
    assert second.is_answered and not second.is_pinned
    moderate(client, running_session, first, "hide")
    api = client.get(f"/api/v1/sessions/{running_session.pk}/questions/").json()
    assert [q["text"] for q in api["results"]] == ["Câu hai"]


def test_the_moderator_view_needs_its_secret_link(client, running_session, past_session):
    assert client.get(f"/vi/qa/{running_session.pk}/moderate/wrong/").status_code == 404
    other_key = links.moderator_key(past_session.pk)
    assert client.get(f"/vi/qa/{running_session.pk}/moderate/{other_key}/").status_code == 404
    page = client.get(f"/vi/qa/{running_session.pk}/moderate/{links.moderator_key(running_session.pk)}/")
    assert page.status_code == 200 and "Kiểm duyệt câu hỏi" in page.content.decode()
    assert "no-cache" in page.headers["Cache-Control"]


def test_answered_questions_stay_on_the_page_of_a_past_session(client, past_session):
    approved(past_session, "Câu đã trả lời", is_answered=True)
    approved(past_session, "Câu chưa trả lời")
    Question.objects.create(
        session=past_session, text="Câu bị ẩn", browser="h" * 64, status=Moderation.HIDDEN
    )
    page = client.get(f"{past_session.event.url}sessions/{past_session.slug}/").content.decode()
    assert "Câu hỏi của khán giả" in page and "Câu đã trả lời" in page
    assert "Câu chưa trả lời" not in page and "Câu bị ẩn" not in page and "Đặt câu hỏi" not in page


def test_a_running_session_page_links_to_its_questions(client, running_session):
    page = client.get(f"{running_session.event.url}sessions/{running_session.slug}/").content.decode()
    assert f'href="/vi/qa/{running_session.pk}/"' in page


def test_floods_get_429(client, running_session, settings):
    settings.QUESTION_RATE = "2/m"
    assert ask(client, running_session).status_code == 302
    assert ask(client, running_session).status_code == 302
    assert ask(client, running_session).status_code == 429
    settings.QUESTION_VOTE_RATE = "1/m"
    question = approved(running_session)
    url = f"/vi/qa/{running_session.pk}/questions/{question.pk}/vote/"
    assert client.post(url).status_code == 302
    response = Client(HTTP_USER_AGENT=BROWSER_UA).post(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 429 and response.json()["reason"] == "rate_limited"


def test_honeypot_and_crawlers_ask_nothing(client, running_session):
    client.post(f"/vi/qa/{running_session.pk}/", {"text": "Mua thuốc giá rẻ tại đây", "website": "x"})
    client.post(
        f"/vi/qa/{running_session.pk}/", {"text": "Một câu hỏi từ bot"}, HTTP_USER_AGENT="Googlebot/2.1"
    )
    assert not Question.objects.exists()


def test_query_counts_do_not_grow_with_questions(client, running_session, count_queries):
    pages = [
        f"/vi/qa/{running_session.pk}/",
        f"/vi/qa/{running_session.pk}/screen/",
        f"/api/v1/sessions/{running_session.pk}/questions/",
        f"/vi/qa/{running_session.pk}/moderate/{links.moderator_key(running_session.pk)}/",
    ]
    approved(running_session, "Câu một", votes=3)
    one = [count_queries(client, url) for url in pages]
    approved(running_session, "Câu hai")
    approved(running_session, "Câu ba", is_pinned=True)
    assert [count_queries(client, url) for url in pages] == one


def test_a_vote_costs_the_same_statements_for_any_question(client, running_session):
    questions = [approved(running_session, f"Câu {n}", votes=n) for n in range(3)]
    counts = []
    for question in questions:
        with CaptureQueriesContext(connection) as captured:
            client.post(f"/vi/qa/{running_session.pk}/questions/{question.pk}/vote/")
        counts.append(len(captured))
    assert len(set(counts)) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_whole_room_voting_at_once_is_counted_exactly(running_session, run_parallel):
    question = approved(running_session)
    results = run_parallel(
        8,
        lambda i: services.upvote(
            question.pk, session_id=running_session.pk, browser=browser_key(f"b{i:040d}")
        ),
    )
    assert all(counted for _q, counted in results)
    question.refresh_from_db()
    assert question.votes == 8 == QuestionVote.objects.filter(question=question).count()


def test_the_admin_lists_sessions_with_their_links_for_moderators_only(
    admin_client, client, running_session, django_user_model
):
    page = admin_client.get("/admin/participation/qa/")
    assert page.status_code == 200
    assert links.moderator_key(running_session.pk) in page.content.decode()
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/participation/qa/").status_code in (302, 403)


def test_questions_open_an_hour_before_and_close_half_an_hour_after(running_session):
    start, end = running_session.starts_at, running_session.ends_at
    assert qa_is_open(running_session, start - timedelta(minutes=59))
    assert not qa_is_open(running_session, start - timedelta(minutes=61))
    assert qa_is_open(running_session, end + timedelta(minutes=29))
    assert not qa_is_open(running_session, end + timedelta(minutes=31))
    assert timezone.now() < end
