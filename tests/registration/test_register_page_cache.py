"""The registration form is what everyone opens when registration opens: the plain page is served from
the anonymous page cache for REGISTRATION_PAGE_SECONDS, anything one visitor's is never stored."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from registration import services

from .conftest import attendee

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.REGISTRATION_PAGE_SECONDS = 5
    return settings


def state(response):
    return response.headers.get("X-Page-Cache")


def test_plain_form_is_stored_for_its_short_lifetime(client, cached, event, free_type):
    url = reverse("registration:register", args=[event.pk])
    first = client.get(url)
    assert first.status_code == 200 and state(first) == "miss"
    assert first.headers["Cache-Control"] == "max-age=5"
    second = client.get(url)
    assert state(second) == "hit" and second.content == first.content
    assert 0 < int(second.headers["Cache-Control"].split("max-age=")[1].split(",")[0]) <= 5


def test_a_hit_runs_no_query(client, cached, event, free_type, django_assert_num_queries):
    url = reverse("registration:register", args=[event.pk])
    client.get(url)
    with django_assert_num_queries(0):
        assert state(client.get(url)) == "hit"


def test_places_left_follow_orders_within_the_lifetime(client, cached, event, free_type):
    cached.REGISTRATION_PAGE_SECONDS = 1
    url = reverse("registration:register", args=[event.pk])
    assert "Còn 10 chỗ" in client.get(url).content.decode()
    order = services.place_order(
        event=event, email="a@example.com", attendees=[attendee(free_type)] * 3, consent=True
    )
    services.confirm_email(order)
    time.sleep(1.1)  # the stored copy expires after REGISTRATION_PAGE_SECONDS
    response = client.get(url)
    assert state(response) == "miss" and "Còn 7 chỗ" in response.content.decode()


def test_a_capacity_change_shows_at_once(
    client, cached, event, free_type, django_capture_on_commit_callbacks
):
    url = reverse("registration:register", args=[event.pk])
    assert "Còn 10 chỗ" in client.get(url).content.decode()
    free_type.capacity = 4
    with django_capture_on_commit_callbacks(execute=True):
        free_type.save()
    response = client.get(url)
    assert state(response) == "miss" and "Còn 4 chỗ" in response.content.decode()


def test_invitation_links_and_answers_are_never_stored(client, cached, event, free_type, hidden_type):
    base = reverse("registration:register", args=[event.pk])
    for url in (
        f"{base}?access={hidden_type.access_token}",
        f"{base}?step=1&q_{free_type.pk}=99",
        f"{base}?access=wrong",
    ):
        first = client.get(url)
        assert first.status_code == 200
        assert "private" in first.headers["Cache-Control"]
        assert state(client.get(url)) != "hit"
    # The secret type never leaks into the shared copy.
    assert hidden_type.name_vi not in client.get(base).content.decode()


def test_a_message_is_shown_not_stored(client, cached, event, free_type):
    url = reverse("registration:register", args=[event.pk])
    client.get(url)  # a shared copy exists
    # Step 2 without a valid choice sends the visitor back with a message.
    back = client.get(reverse("registration:details", args=[event.pk]) + f"?q_{free_type.pk}=99")
    assert back.status_code == 302
    response = client.get(back.url)
    assert state(response) != "hit" and 'class="messages"' in response.content.decode()
    assert state(Client().get(url)) == "hit"  # the next visitor still gets the shared copy


def test_later_steps_are_never_stored(client, cached, event, free_type):
    url = reverse("registration:details", args=[event.pk]) + f"?q_{free_type.pk}=1"
    assert client.get(url).status_code == 200
    response = client.get(url)
    assert state(response) is None and "private" in response.headers["Cache-Control"]
