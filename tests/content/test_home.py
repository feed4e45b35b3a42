import pytest

from content.models import ArticlePage
from tests.factories.content import ArticlePageFactory, StandardPageFactory, navigation, translate

pytestmark = pytest.mark.django_db


def test_root_redirects_by_browser_language(client, site_pages):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="vi").headers["Location"] == "/vi/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").headers["Location"] == "/en/"


def test_home_page_renders_in_both_languages(client, site_pages):
    vi = client.get("/vi/")
    en = client.get("/en/")
    assert vi.status_code == 200 and en.status_code == 200
    assert '<html lang="vi">' in vi.content.decode()
    assert "Digital Transformation Day" in en.content.decode()
    # The language switch points at the same page in the other language.
    assert 'href="/en/" hreflang="en"' in vi.content.decode()
    assert 'href="/vi/" hreflang="vi"' in en.content.decode()


def test_home_page_shows_latest_news_and_featured_success_stories(client, home, news):
    index, _ = news
    story = ArticlePageFactory(
        parent=index,
        title="Hợp tác xã bán hàng trực tuyến",
        category=ArticlePage.Category.SUCCESS_STORY,
        featured_on_home=True,
    )
    hidden_story = ArticlePageFactory(
        parent=index,
        title="Câu chuyện chưa chọn",
        category=ArticlePage.Category.SUCCESS_STORY,
        featured_on_home=False,
    )
    news_items = [ArticlePageFactory(parent=index, title=f"Tin số {n}") for n in range(4)]
    about = StandardPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu")
    home.featured = [("page", {"page": about, "title": "", "summary": "Vì sao có Ngày Chuyển đổi số"})]
    home.news_count = 3
    home.save_revision().publish()
    html = client.get("/vi/").content.decode()
    stories = html.split('id="stories-title"')[1].split("</section>")[0]
    assert story.title in stories and hidden_story.title not in stories
    latest = html.split('id="news-title"')[1].split("</section>")[0]
    assert latest.count('class="card article-card"') == 3
    assert news_items[0].title not in latest or news_items[-1].title not in latest
    assert "Vì sao có Ngày Chuyển đổi số" in html and 'href="/vi/gioi-thieu/"' in html
    assert 'id="featured-title"' in html


def test_home_featured_pages_follow_the_visitors_language(client, home, home_en):
    about = StandardPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu")
    translate(about, title="About", slug="about")
    home.featured = [("page", {"page": about, "title": "", "summary": ""})]
    home.save_revision().publish()
    home_en.featured = [("page", {"page": about, "title": "", "summary": ""})]
    home_en.save_revision().publish()
    en = client.get("/en/").content.decode()
    assert 'href="/en/about/">About</a>' in en


@pytest.mark.parametrize("path", ["/vi/", "/en/"])
def test_home_page_query_count_does_not_grow_with_articles(
    client, home, make_articles, path, django_assert_num_queries
):
    navigation([home])
    make_articles(1, category=ArticlePage.Category.SUCCESS_STORY, featured_on_home=True)
    client.get(path)  # warm per-process caches (site root paths, settings)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(path).status_code == 200
    make_articles(2, category=ArticlePage.Category.SUCCESS_STORY, featured_on_home=True)
    make_articles(3)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(path).status_code == 200


def test_news_index_query_count_does_not_grow_with_articles(
    client, news, make_articles, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_articles(1, tags=["dữ liệu"])
    client.get("/vi/tin-tuc/")
    with CaptureQueriesContext(connection) as one:
        assert client.get("/vi/tin-tuc/").status_code == 200
    make_articles(2, tags=["dữ liệu", "AI"])
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get("/vi/tin-tuc/").status_code == 200


def test_home_page_shows_the_next_digital_day_its_programme_and_a_sooner_event(client, home, home_en):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories.events import EventPageFactory, SessionFactory, SpeakerFactory, translate_event

    start = (timezone.now() + timedelta(days=60)).replace(hour=1, minute=0, second=0, microsecond=0)
    day = EventPageFactory(
        title="Ngày Chuyển đổi số 2027",
        slug="ngay-cds",
        event_type="digital_day",
        starts_at=start,
        venue_name="Trung tâm Hội nghị Quốc tế",
    )
    translate_event(day, title="Digital Transformation Day 2027")
    workshop = EventPageFactory(title="Lớp kỹ năng số", slug="lop", event_type="skills_class")
    speaker = SpeakerFactory(name="Trần Minh Khoa")
    SessionFactory(
        event=day,
        title_vi="Dữ liệu mở cho người dân",
        title_en="Open data for citizens",
        is_featured=True,
        speakers=[speaker],
    )
    html = client.get("/vi/").content.decode()
    hero = html.split('class="event-box"')[1].split("</div>")[0]
    assert "Ngày Chuyển đổi số 2027" in hero and "Trung tâm Hội nghị Quốc tế" in hero
    assert start.astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y") in hero
    assert workshop.title in hero  # the sooner event is mentioned too
    programme = html.split('id="programme-title"')[1].split("</section>")[0]
    assert "Dữ liệu mở cho người dân" in programme and "Trần Minh Khoa" in programme
    en = client.get("/en/").content.decode()
    assert "Digital Transformation Day 2027" in en and "Open data for citizens" in en
