"""One vote per ticket and category (voting again replaces it), only for a valid ticket of a confirmed
order of the round's event, only while open; results public once published; fixed query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from exhibitors.models import ProductStatus
from peoples_choice import services
from peoples_choice.models import Vote, VoteRound
from registration.models import OrderStatus, TicketStatus
from tests.factories.events import EventPageFactory, translate_event
from tests.peoples_choice.conftest import exhibiting_products, make_ticket, ticket_path, vote_path

pytestmark = pytest.mark.django_db


def test_ticket_page_lists_the_candidates_per_category(client, vote_round, products, ticket):
    page = client.get(ticket_path(ticket)).content.decode()
    assert "peoples-choice" in page
    for product in products:
        assert f'value="{product.pk}"' in page
    assert page.count('name="category"') == 2


def test_voting_again_replaces_the_vote(client, vote_round, products, ticket):
    first, second = products[0], products[1]
    response = client.post(vote_path(ticket), {"category": "software", "product": first.pk})
    assert response.status_code == 302
    assert response["Location"].endswith("?voted=1#peoples-choice")
    client.post(vote_path(ticket), {"category": "software", "product": second.pk})
    assert list(Vote.objects.values_list("category", "product_id")) == [("software", second.pk)]
    client.post(vote_path(ticket), {"category": "hardware", "product": products[2].pk})
    assert Vote.objects.filter(ticket=ticket).count() == 2
    page = client.get(ticket_path(ticket) + "?voted=1").content.decode()
    assert f'value="{second.pk}" id="vote-software-{second.pk}" checked' in page
    assert "Lựa chọn của bạn" in page or "Your choice" in page


@pytest.mark.parametrize(
    "change",
    [
        {"ticket_status": TicketStatus.CANCELLED},
        {"order_status": OrderStatus.CANCELLED},
        {"order_status": OrderStatus.PENDING_PAYMENT},
    ],
)
def test_cancelled_or_unpaid_tickets_are_refused(client, vote_round, products, event, change):
    ticket = make_ticket(event, status=change.get("order_status", OrderStatus.CONFIRMED))
    if "ticket_status" in change:
        ticket.status = change["ticket_status"]
        ticket.save(update_fields=["status"])
    response = client.post(vote_path(ticket), {"category": "software", "product": products[0].pk})
    assert response.status_code == 403
    assert "vé hợp lệ" in response.content.decode()
    assert not Vote.objects.exists()


def test_a_ticket_of_another_event_is_refused(vote_round, products, site_pages):
    other_event = EventPageFactory()
    other_ticket = make_ticket(other_event)
    with pytest.raises(services.VoteRefused):
        services.cast_vote(other_ticket, vote_round, "software", products[0].pk)
    assert not Vote.objects.exists()


def test_closed_round_is_refused(client, vote_round, products, ticket):
    vote_round.opens_at = timezone.now() - timedelta(hours=3)
    vote_round.closes_at = timezone.now() - timedelta(minutes=1)
    vote_round.save()
    response = client.post(vote_path(ticket), {"category": "software", "product": products[0].pk})
    assert response.status_code == 403
    assert not Vote.objects.exists()
    assert "Bình chọn đã kết thúc" in client.get(ticket_path(ticket)).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"category": "software"},
        {"category": "software", "product": "abc"},
        {"category": "nothing", "product": "1"},
        {"category": "data", "product": "1"},
    ],
)
def test_bad_input_is_a_400(client, vote_round, products, ticket, data):
    response = client.post(vote_path(ticket), data)
    assert response.status_code == 400
    assert not Vote.objects.exists()


def test_only_published_products_of_the_event_in_the_category(
    client, vote_round, products, ticket, site_pages
):
    elsewhere = exhibiting_products(EventPageFactory(), 1)[0]
    draft = exhibiting_products(vote_round.event, 1)[0]
    draft.status = ProductStatus.DRAFT
    draft.save()
    for product, category in [(elsewhere, "software"), (draft, "software"), (products[2], "software")]:
        response = client.post(vote_path(ticket), {"category": category, "product": product.pk})
        assert response.status_code == 400
    assert not Vote.objects.exists()


def test_results_hidden_until_published(client, vote_round, products, ticket):
    services.cast_vote(ticket, vote_round, "software", products[1].pk)
    url = f"/vi/peoples-choice/{vote_round.event_id}/"
    assert client.get(url).status_code == 404
    vote_round.results_published = True
    vote_round.save()
    page = client.get(url).content.decode()
    assert products[1].name_vi in page
    assert "<table" in page and "<meter" in page


def test_votes_are_rate_limited(client, settings, vote_round, products, ticket):
    settings.PEOPLES_CHOICE_VOTE_RATE = "2/m"
    data = {"category": "software", "product": products[0].pk}
    assert [client.post(vote_path(ticket), data).status_code for _ in range(3)] == [302, 302, 429]


def test_admin_sees_unpublished_results_and_exports_csv(admin_client, vote_round, products, ticket):
    services.cast_vote(ticket, vote_round, "software", products[0].pk)
    url = f"/admin/peoples-choice/{vote_round.pk}/results/"
    assert products[0].name_vi in admin_client.get(url).content.decode()
    csv = admin_client.get(url + "?format=csv").content.decode()
    assert f"software,{products[0].pk},{products[0].name_vi}," in csv
    assert csv.splitlines()[1].endswith(",1")


@pytest.mark.parametrize("kind", ["ticket", "results"])
def test_query_counts_do_not_grow_with_products(client, count_queries, event, vote_round, ticket, kind):
    vote_round.results_published = True
    vote_round.save()
    url = ticket_path(ticket) if kind == "ticket" else f"/vi/peoples-choice/{event.pk}/"
    exhibiting_products(event, 1)
    one = count_queries(client, url)
    for product in exhibiting_products(event, 2) + exhibiting_products(event, 1, category="hardware"):
        services.cast_vote(ticket, vote_round, product.category, product.pk)
    assert count_queries(client, url) == one


def test_organisers_create_a_round_with_ticked_categories(admin_client, event):
    response = admin_client.post(
        "/admin/peoples-choice/new/",
        {
            "event": event.pk,
            "opens_at": "2026-12-01 08:00",
            "closes_at": "2026-12-01 16:00",
            "categories": ["software", "data"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    vote_round = event.vote_round
    assert vote_round.categories == ["software", "data"] and not vote_round.results_published
    listing = admin_client.get("/admin/peoples-choice/").content.decode()
    assert f"/admin/peoples-choice/{vote_round.pk}/results/" in listing


def test_a_round_must_close_after_it_opens(admin_client, event):
    response = admin_client.post(
        "/admin/peoples-choice/new/",
        {
            "event": event.pk,
            "opens_at": "2026-12-01 16:00",
            "closes_at": "2026-12-01 08:00",
            "categories": ["data"],
        },
    )
    assert response.status_code == 200
    assert not type(event).objects.filter(pk=event.pk, vote_round__isnull=False).exists()


def test_a_round_belongs_to_the_vietnamese_event_page(admin_client, event):
    english = translate_event(event)
    response = admin_client.post(
        "/admin/peoples-choice/new/",
        {
            "event": english.pk,
            "opens_at": "2026-12-01 08:00",
            "closes_at": "2026-12-01 16:00",
            "categories": ["data"],
        },
    )
    assert response.status_code == 200
    assert not VoteRound.objects.exists()
