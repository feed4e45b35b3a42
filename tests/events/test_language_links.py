"""The header's language link, without a browser: an event's own views stay where the visitor is."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def other_language_link(client, url, code):
    html = client.get(url).content.decode()
    return unescape(re.search(rf'<a href="([^"]*)" hreflang="{code}"', html).group(1))


def test_agenda_session_and_registration_link_to_the_same_view_in_the_other_language(
    client, programme, event_en
):
    event = programme["event"]
    session = programme["sessions"][0]
    assert other_language_link(client, f"{event.url}agenda/?day=2", "en") == f"{event_en.url}agenda/?day=2"
    assert other_language_link(client, f"{event_en.url}agenda/", "vi") == f"{event.url}agenda/"
    session_path = f"sessions/{session.slug}/"
    assert other_language_link(client, event.url + session_path, "en") == event_en.url + session_path
    assert other_language_link(client, event.url, "en") == event_en.url

    with translation.override("vi"):
        register_vi = reverse("registration:register", args=[event.pk])
    with translation.override("en"):
        register_en = reverse("registration:register", args=[event_en.pk])
    assert other_language_link(client, register_vi, "en") == register_en
    assert other_language_link(client, register_en, "vi") == register_vi


def test_an_event_without_translation_links_to_the_other_home_page(client, programme):
    event = programme["event"]
    assert other_language_link(client, f"{event.url}agenda/", "en") == "/en/"
