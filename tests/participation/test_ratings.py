"""Rate this article: one rating per browser, average and count, moderated comments, no bots."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from participation import services
from participation.browser import COOKIE
from participation.models import ArticleRating, Moderation
from tests.html import description, unresolved_references
from tests.participation.conftest import BROWSER_UA

pytestmark = pytest.mark.django_db


def rate(client, article, stars, comment="", **extra):
    return client.post(
        f"/vi/ratings/articles/{article.pk}/", {"stars": stars, "comment": comment, "website": ""}, **extra
    )


def test_a_rating_is_counted_shown_and_remembered_by_the_browser(client, article, audit_actions):
    response = rate(client, article, 4)
    assert response.status_code == 302
    assert response.headers["Location"] == article.url + "?rated=1#article-rating"
    token = response.cookies[COOKIE].value
    assert response.cookies[COOKIE]["httponly"]
    rating = ArticleRating.objects.get()
    # Only a hash of the cookie is kept.
    assert token not in rating.browser and len(rating.browser) == 64
    assert (rating.stars, rating.status, rating.language) == (4, Moderation.APPROVED, "vi")
    assert audit_actions(rating) == ["participation.article_rated"]
    page = client.get(response.headers["Location"]).content.decode()
    assert "4,0 trên 5 từ 1 lượt đánh giá" in page
    assert "Cảm ơn bạn!" in page


def test_the_same_browser_replaces_its_rating_and_others_add_theirs(
    client, article, article_en, django_user_model
):
    rate(client, article, 5)
    rate(client, article_en, 2)  # the same article in English: still this browser's one rating
    assert ArticleRating.objects.count() == 1
    assert ArticleRating.objects.get().stars == 2
    other = client.__class__(HTTP_USER_AGENT=BROWSER_UA)
    rate(other, article, 5)
    assert ArticleRating.objects.count() == 2
    page_en = client.get(article_en.url).content.decode()
    assert "3.5 out of 5 from 2 ratings" in page_en


def test_comments_wait_for_moderation_and_hidden_ratings_do_not_count(client, article, admin_user):
    rate(client, article, 1, "Bài viết này thiếu số liệu cụ thể.")
    rating = ArticleRating.objects.get()
    assert rating.status == Moderation.PENDING
    assert "thiếu số liệu" not in client.get(article.url).content.decode()

    services.moderate_rating(rating.pk, Moderation.APPROVED, user=admin_user)
    page = client.get(article.url).content.decode()
    assert "thiếu số liệu" in page and "1,0 trên 5 từ 1 lượt đánh giá" in page

    services.moderate_rating(rating.pk, Moderation.HIDDEN, user=admin_user)
    page = client.get(article.url).content.decode()
    assert "thiếu số liệu" not in page and "Chưa có đánh giá" in page
    # Nothing goes back to "awaiting moderation", and rating again does not undo the decision.
    with pytest.raises(ValidationError):
        services.moderate_rating(rating.pk, Moderation.PENDING, user=admin_user)
    rate(client, article, 5, "Nội dung khác hẳn.")
    assert ArticleRating.objects.get().status == Moderation.HIDDEN
    logged = ModelLogEntry.objects.filter(action="participation.rating_moderated").values_list(
        "data", flat=True
    )
    assert [entry["to"] for entry in logged.order_by("pk")] == ["approved", "hidden"]


def test_a_changed_comment_is_moderated_again(client, article, admin_user):
    rate(client, article, 4, "Rất hữu ích.")
    services.moderate_rating(ArticleRating.objects.get().pk, Moderation.APPROVED, user=admin_user)
    rate(client, article, 4, "Rất hữu ích.")
    assert ArticleRating.objects.get().status == Moderation.APPROVED
    rate(client, article, 3, "Một bình luận mới chưa ai đọc.")
    assert ArticleRating.objects.get().status == Moderation.PENDING


@pytest.mark.parametrize(
    "user_agent",
    ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "python-requests/2.32", ""],
)
def test_crawlers_and_clients_without_a_user_agent_are_not_counted(client, article, user_agent):
    response = rate(client, article, 5, HTTP_USER_AGENT=user_agent)
    assert response.status_code == 302
    assert not ArticleRating.objects.exists()


def test_the_honeypot_is_not_counted(client, article):
    response = client.post(
        f"/vi/ratings/articles/{article.pk}/", {"stars": 5, "website": "http://spam.example"}
    )
    assert response.status_code == 302
    assert not ArticleRating.objects.exists()


def test_bad_input_is_a_400_with_the_article_and_the_comment_kept(client, article):
    response = rate(client, article, 9, "Giữ lại bình luận này")
    assert response.status_code == 400
    page = response.content.decode()
    assert article.title in page and "Giữ lại bình luận này" in page
    assert 'role="alert"' in page
    assert not ArticleRating.objects.exists()
    assert unresolved_references(page) == []
    long = rate(client, article, 3, "x" * 1001)
    assert (
        description(long.content.decode(), "id_comment")
        and unresolved_references(long.content.decode()) == []
    )
    assert long.status_code == 400 and not ArticleRating.objects.exists()


def test_floods_get_429(client, article, settings):
    settings.ARTICLE_RATING_RATE = "2/m"
    assert rate(client, article, 5).status_code == 302
    assert rate(client, article, 4).status_code == 302
    response = rate(client, article, 3)
    assert response.status_code == 429
    assert "Quá nhiều yêu cầu" in response.content.decode()


def test_drafts_and_other_pages_cannot_be_rated(client, article, site_pages):
    article.unpublish()
    assert rate(client, article, 5).status_code == 404
    assert client.post(f"/vi/ratings/articles/{site_pages[0].pk}/", {"stars": 5}).status_code == 404
    assert client.get(f"/vi/ratings/articles/{article.pk}/").status_code == 405


def test_the_article_page_sets_no_cookie_so_the_page_cache_can_keep_it(client, article):
    response = client.get(article.url)
    assert response.status_code == 200 and not response.cookies
    assert 'action="/vi/ratings/articles/' in response.content.decode()


def test_the_article_page_reads_the_same_number_of_statements_for_1_and_3_comments(
    client, article, admin_user, count_queries
):
    def add(count):
        for index in range(count):
            rating = ArticleRating.objects.create(
                article=article,
                translation_key=article.translation_key,
                browser=f"{ArticleRating.objects.count():064d}",
                stars=1 + index % 5,
                comment=f"Bình luận {index}",
                status=Moderation.APPROVED,
            )
            assert rating.pk

    add(1)
    one = count_queries(client, article.url)
    add(2)
    assert count_queries(client, article.url) == one


def test_editors_moderate_in_the_admin_and_cannot_skip_a_step(admin_client, client, article):
    rate(client, article, 2, "Cần thêm hướng dẫn.")
    rating = ArticleRating.objects.get()
    listing = admin_client.get("/admin/participation/ratings/?status=pending")
    assert listing.status_code == 200 and "Cần thêm hướng dẫn." in listing.content.decode()
    response = admin_client.post(f"/admin/participation/ratings/edit/{rating.pk}/", {"status": "approved"})
    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.status == Moderation.APPROVED
    refused = admin_client.post(f"/admin/participation/ratings/edit/{rating.pk}/", {"status": "pending"})
    assert refused.status_code == 200 and "không thể chuyển" in refused.content.decode()
    rating.refresh_from_db()
    assert rating.status == Moderation.APPROVED
    assert admin_client.get("/admin/participation/ratings/add/").status_code == 404
