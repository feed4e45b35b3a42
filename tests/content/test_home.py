import pytest

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
