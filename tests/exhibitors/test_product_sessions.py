"""The portal's product form picks demonstration sessions by day, each labelled with time and room.

It showed about 80 checkboxes without a visible label, many reading just "Trình diễn sản phẩm".
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime

from exhibitors.models import Product
from tests.factories.events import RoomFactory, SessionFactory
from tests.factories.exhibitors import ApplicationFactory

pytestmark = pytest.mark.usefixtures("site_pages")


@pytest.fixture
def demos(exhibitor, event):
    ApplicationFactory(exhibitor=exhibitor, package__event=event)
    halls = [RoomFactory(event=event, name_vi=f"Hội trường {letter}") for letter in "AB"]
    sessions = []
    for day in range(2):
        for hour in range(2):
            for hall in halls:
                start = localtime(event.starts_at).replace(hour=9 + hour, minute=0) + timedelta(days=day)
                sessions.append(
                    SessionFactory(
                        event=event,
                        title_vi="Trình diễn sản phẩm",
                        room=hall,
                        starts_at=start,
                        ends_at=start + timedelta(minutes=45),
                    )
                )
    return sessions


def test_sessions_are_grouped_by_day_and_each_has_a_distinct_label(member_client, exhibitor, demos):
    with translation.override("vi"):
        page = reverse("exhibitors:portal_product_new", kwargs={"exhibitor_id": exhibitor.pk})
    html = member_client.get(page).content.decode()
    days = re.findall(
        r'<fieldset><legend>([^<]+)</legend>\s*(<div class="check">.*?)</fieldset>', html, flags=re.S
    )
    assert len(days) == 2  # one fieldset per day
    assert all(re.search(r"\d{2}/\d{2}/\d{4}", legend) for legend, _ in days)
    label = re.compile(r'<label for="(id_sessions_[\d_]+)"><input [^>]*id="\1"[^>]*>\s*([^<]+)</label>')
    per_day = [[text.strip() for _id, text in label.findall(options)] for _legend, options in days]
    assert [len(labels) for labels in per_day] == [4, 4]
    assert all(len(set(labels)) == 4 for labels in per_day)  # within a day, no two read alike
    assert per_day[0][0] == "09:00–09:45 · Hội trường A · Trình diễn sản phẩm"
    assert re.search(
        r'<fieldset>\s*<legend>Trình diễn tại phiên</legend>\s*<session-filter id="id_sessions" class="sessions-by-day"',
        html,
    )


def test_the_chosen_sessions_are_saved(member_client, exhibitor, demos):
    chosen = [demos[1].pk, demos[6].pk]
    response = member_client.post(
        reverse("exhibitors:portal_product_new", kwargs={"exhibitor_id": exhibitor.pk}),
        {
            "name_vi": "Cảm biến ao tôm",
            "category": "hardware",
            "sector": "agritech",
            "maturity": "prototype",
            "sessions": chosen,
        },
    )
    assert response.status_code == 302
    assert sorted(Product.objects.get().sessions.values_list("pk", flat=True)) == sorted(chosen)
