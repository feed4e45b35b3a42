"""The venue map in Chromium: axe-clean, every booth reached with Tab, zoom buttons, "you are here"
centring, the search; the admin's floor-plan editor draws a booth by dragging."""

import pytest

from tests.e2e.conftest import axe_violations, log_in_to_admin
from tests.e2e.test_exhibitors_flow import ensure_home_pages


def view_box(page):
    return [float(n) for n in page.locator("svg.plan-svg").first.get_attribute("viewBox").split()]


@pytest.mark.django_db(transaction=True)
def test_map_page_keyboard_zoom_here_and_search(live_server, page):
    from tests.factories.events import EventPageFactory
    from tests.factories.exhibitors import (
        ApplicationFactory,
        BoothFactory,
        BoothPackageFactory,
        ExhibitorFactory,
        ProductFactory,
    )
    from tests.factories.venue_map import FloorPlanFactory, MapPointFactory

    ensure_home_pages()
    event = EventPageFactory()
    plan = FloorPlanFactory(event=event)
    package = BoothPackageFactory(event=event)
    for n in range(1, 7):
        booth = BoothFactory(
            event=event, hall="A", number=f"A{n:02d}", floor_plan=plan, x=n * 100, y=100, width=90, height=90
        )
        exhibitor = ExhibitorFactory(sector="agritech" if n == 5 else "fintech", is_make_in_danang=n == 5)
        ApplicationFactory(exhibitor=exhibitor, event=event, package=package, booth=booth, status="confirmed")
        if n == 5:
            ProductFactory(exhibitor=exhibitor, name_vi="Cảm biến ao nuôi tôm")
    point = MapPointFactory(floor_plan=plan, x=900, y=500)
    url = f"{live_server.url}/vi/venue-map/{event.pk}/"

    page.goto(url)
    assert axe_violations(page) == []
    # Every booth is a link in the tab order, announced by its name.
    page.focus("#map-q")
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.getAttribute('aria-label') || ''")
        if label.startswith("Gian"):
            reached.append(label)
    assert len(reached) == 6 and any("Make in DaNang" in label for label in reached)

    # Zoom buttons change the plan's viewBox; "whole plan" puts it back.
    assert view_box(page) == [0, 0, 1000, 600]
    page.click("[data-zoom=in]")
    assert view_box(page)[2] < 1000
    # Dragging pans the plan, even when the drag starts and ends on a booth (no jump to its row).
    before = view_box(page)
    shape = page.locator("a.booth").nth(2).bounding_box()
    page.mouse.move(shape["x"] + shape["width"] / 2, shape["y"] + shape["height"] / 2)
    page.mouse.down()
    page.mouse.move(shape["x"] + shape["width"] / 2 + 40, shape["y"] + shape["height"] / 2, steps=5)
    page.mouse.up()
    assert view_box(page)[0] < before[0] and "#booth-" not in page.url
    page.click("[data-zoom=reset]")
    assert view_box(page) == [0, 0, 1000, 600]

    # A "you are here" QR link opens the map centred on the point.
    page.goto(f"{url}?at={point.code}")
    x, y, w, h = view_box(page)
    assert w < 1000 and abs(x + w / 2 - 900) < w / 2 and abs(y + h / 2 - 500) < h / 2
    assert axe_violations(page) == []

    # The search marks the shrimp-pond booth.
    page.fill("#map-q", "tôm")
    page.press("#map-q", "Enter")
    page.wait_for_selector("#map-results-heading")
    assert page.locator(".booth.match").count() == 1
    assert "A05" in page.inner_text(".map-results")
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_admin_draws_a_booth_on_the_plan(live_server, page):
    from django.contrib.auth import get_user_model

    from tests.factories.events import EventPageFactory
    from tests.factories.exhibitors import BoothFactory
    from tests.factories.venue_map import FloorPlanFactory

    ensure_home_pages()
    event = EventPageFactory()
    plan = FloorPlanFactory(event=event)
    booth = BoothFactory(event=event, hall="A", number="A01")
    get_user_model().objects.create_superuser("bantochuc", "btc@example.com", "mat-khau-ban-to-chuc-1")
    log_in_to_admin(page, live_server.url, "bantochuc", "mat-khau-ban-to-chuc-1")
    page.goto(f"{live_server.url}/admin/showcase/floor-plans/{plan.pk}/")

    def on_screen(x, y):  # plan units to the page's pixels, however the drawing is fitted
        return page.evaluate(
            """([x, y]) => { const svg = document.getElementById("plan-editor");
               const p = svg.createSVGPoint(); p.x = x; p.y = y;
               const s = p.matrixTransform(svg.getScreenCTM()); return [s.x, s.y]; }""",
            [x, y],
        )

    page.mouse.move(*on_screen(100, 100))
    page.mouse.down()
    page.mouse.move(*on_screen(200, 180), steps=5)
    page.mouse.up()
    page.select_option("#id_item", f"booth-{booth.pk}")
    page.click("#placement-form button[type=submit]")
    page.wait_for_selector(".messages")
    booth.refresh_from_db()
    assert booth.floor_plan_id == plan.pk
    assert abs(booth.x - 100) <= 2 and abs(booth.y - 100) <= 2
    assert abs(booth.width - 100) <= 2 and abs(booth.height - 80) <= 2
