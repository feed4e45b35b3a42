"""The list of consultations, the open-data endpoint, the committee's export and the privacy registry."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultations.models import CommentStatus, ConsultationComment
from core import personal_data
from core.models import ExportLog
from core.personal_data import Person
from tests.factories.consultations import ConsultationCommentFactory, ConsultationPageFactory, sections
from tests.factories.content import translate


def closed_consultation(parent, **extra):
    now = timezone.now()
    return ConsultationPageFactory(
        parent=parent,
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=10),
        sections=sections(
            "Điều 1. Phạm vi",
            "Điều 2. Đối tượng",
            responses={"Điều 1. Phạm vi": ("not_accepted", "Không tiếp thu vì trái Luật Giao dịch điện tử.")},
        ),
        **extra,
    )


def test_the_list_groups_open_and_closed_with_counts(client, consultations_page, consultation):
    closed = closed_consultation(consultations_page, title="Dự thảo quy chế dữ liệu", slug="quy-che")
    ConsultationCommentFactory.create_batch(3, consultation=closed)
    ConsultationCommentFactory(consultation=closed, status=CommentStatus.PENDING)
    html = client.get(consultations_page.url).content.decode()
    assert html.index("Đang lấy ý kiến") < html.index(consultation.title) < html.index("Đã đóng")
    assert html.index("Đã đóng") < html.index("Dự thảo quy chế dữ liệu")
    assert "3 góp ý đã công bố" in html and "0 góp ý đã công bố" in html and "2 phần" in html


def test_a_closed_consultation_shows_its_responses_and_takes_no_comment(client, consultations_page):
    closed = closed_consultation(consultations_page, slug="quy-che")
    html = client.get(closed.url).content.decode()
    assert "Không tiếp thu" in html and "trái Luật Giao dịch điện tử" in html
    assert "Đã đóng" in html and 'action="/vi/consultations/' not in html


def test_an_open_consultation_keeps_its_responses_until_it_closes(client, consultations_page):
    page = ConsultationPageFactory(
        parent=consultations_page, sections=sections("Điều 1", responses={"Điều 1": ("accepted", "Đã sửa.")})
    )
    assert "Đã sửa." not in client.get(page.url).content.decode()


def test_the_english_page_shows_the_same_published_comments(
    client, consultations_page, consultation, site_pages
):
    translate(consultations_page, title="Consultations", slug="consultations")
    english = translate(consultation, title="Draft plan", slug="draft-plan")
    comment = ConsultationCommentFactory(consultation=consultation)
    html = client.get(english.url).content.decode()
    assert english.url.startswith("/en/") and comment.text in html and comment.email not in html
    assert english.sections[0].id == consultation.sections[0].id


def test_api_lists_consultations_with_counts(client, consultations_page, consultation):
    ConsultationCommentFactory.create_batch(2, consultation=consultation)
    ConsultationCommentFactory(consultation=consultation, status=CommentStatus.REJECTED)
    body = client.get("/api/v1/consultations/").json()
    assert body["count"] == 1
    (item,) = body["results"]
    assert set(item) == {
        "id",
        "title",
        "language",
        "status",
        "opens_at",
        "closes_at",
        "section_count",
        "published_comment_count",
        "url",
        "document_url",
    }
    assert item["status"] == "open" and item["section_count"] == 2 and item["published_comment_count"] == 2
    assert item["url"].endswith(consultation.url) and item["url"].startswith("http")
    assert item["language"] == "vi" and item["document_url"] is None


def test_api_query_count_is_the_same_for_1_and_3(client, consultations_page, count_queries):
    first = ConsultationPageFactory(parent=consultations_page)
    ConsultationCommentFactory(consultation=first)
    one = count_queries(client, "/api/v1/consultations/")
    for _ in range(2):
        ConsultationCommentFactory(consultation=ConsultationPageFactory(parent=consultations_page))
    closed_consultation(consultations_page, slug="dong")
    assert count_queries(client, "/api/v1/consultations/") == one


def test_the_index_page_query_count_is_the_same_for_1_and_3(client, consultations_page, count_queries):
    ConsultationPageFactory(parent=consultations_page)
    one = count_queries(client, consultations_page.url)
    ConsultationPageFactory(parent=consultations_page)
    closed_consultation(consultations_page, slug="dong")
    assert count_queries(client, consultations_page.url) == one


def test_api_schema_documents_the_endpoint(client):
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    assert "/api/v1/consultations/" in schema.content.decode()


def test_the_committee_exports_every_comment_as_safe_csv(admin_client, admin_user, consultation):
    ConsultationCommentFactory(consultation=consultation, text='=HYPERLINK("http://x")', name="Lê Văn Bình")
    ConsultationCommentFactory(consultation=consultation, status=CommentStatus.PENDING)
    response = admin_client.get("/admin/consultations/comments/?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert len(rows) == 3  # a heading and both comments, moderated or not
    flat = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://x")' in flat and "Lê Văn Bình" in flat
    log = ExportLog.objects.get()
    assert log.what == "consultations.consultationcomment" and log.rows == 2 and log.user == admin_user
    xlsx = admin_client.get("/admin/consultations/comments/?export=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_comments_are_in_the_download_and_erased_by_email(consultation):
    mine = ConsultationCommentFactory(consultation=consultation, email="Binh@Example.com", name="Lê Văn Bình")
    unpublished = ConsultationCommentFactory(
        consultation=consultation, email="binh@example.com", status=CommentStatus.PENDING
    )
    other = ConsultationCommentFactory(consultation=consultation)
    person = Person(order_id=None, emails=frozenset({"binh@example.com"}))
    holder = {h.label: h for h in personal_data.holders_of_a_person()}["consultations.ConsultationComment"]
    download = holder.export(person)
    assert [row["comment"] for row in download] == [mine.text, unpublished.text]
    assert download[0]["email"] == "Binh@Example.com" and download[0]["section"] == mine.section_title
    assert holder.apply(holder.rows(person), timezone.now(), "request") == 2
    mine.refresh_from_db()
    unpublished.refresh_from_db()
    assert (mine.name, mine.email, mine.organisation) == ("", "", "") and mine.text  # the public record
    assert unpublished.text == ""
    assert ConsultationComment.objects.get(pk=other.pk).email == other.email


@pytest.mark.parametrize(("days", "expired"), [(400, True), (30, False)])
def test_retention_reaches_comments_of_long_closed_consultations(consultations_page, days, expired):
    now = timezone.now()
    page = closed_consultation(consultations_page, slug="cu")
    page.opens_at, page.closes_at = now - timedelta(days=days + 30), now - timedelta(days=days)
    page.save()
    ConsultationCommentFactory(consultation=page)
    holder = {h.label: h for h in personal_data.holders()}["consultations.ConsultationComment"]
    assert holder.expired(now).exists() is expired


def test_the_consultation_page_query_count_is_the_same_for_1_and_3_comments(
    client, consultation, count_queries
):
    ConsultationCommentFactory(consultation=consultation)
    one = count_queries(client, consultation.url)
    ConsultationCommentFactory.create_batch(
        2, consultation=consultation, section_id=consultation.sections[1].id
    )
    assert count_queries(client, consultation.url) == one


def test_a_consultation_must_close_after_it_opens(consultation):
    consultation.closes_at = consultation.opens_at
    with pytest.raises(ValidationError) as refused:
        consultation.full_clean()
    assert "closes_at" in refused.value.message_dict
