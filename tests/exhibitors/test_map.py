"""The venue map: placing booths and rooms on floor plans, the public map page, its search and list."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import FloorPlan
from exhibitors.models import BoothStatus
from tests.factories.events import RoomFactory
from tests.factories.exhibitors import ApplicationFactory, BoothFactory, ExhibitorFactory, ProductFactory
from tests.factories.venue_map import FloorPlanFactory, MapPointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(event):
    return FloorPlanFactory(event=event)


def place(item, plan, x, y, width, height):
    item.floor_plan, item.x, item.y, item.width, item.height = plan, x, y, width, height
    item.full_clean()
    item.save()
    return item


# --- placement rules ---------------------------------------------------------------------------


def test_plan_size_comes_from_the_svg_viewbox(plan):
    assert (plan.width, plan.height) == (1000, 600)


def test_a_booth_inside_the_plan_is_placed(plan, event):
    booth = place(BoothFactory(event=event, hall="A", number="A01"), plan, 0, 0, 80, 80)
    assert booth.is_placed and booth.rectangle == (0, 0, 80, 80)


def test_a_booth_reaching_outside_the_plan_is_refused(plan, event):
    booth = BoothFactory(event=event, hall="A", number="A01")
    with pytest.raises(ValidationError) as error:
        place(booth, plan, 950, 10, 80, 80)
    assert "1000 × 600" in str(error.value)


def test_overlapping_booths_are_refused_but_shared_walls_are_fine(plan, event):
    place(BoothFactory(event=event, hall="A", number="A01"), plan, 100, 100, 80, 80)
    place(BoothFactory(event=event, hall="A", number="A02"), plan, 180, 100, 80, 80)  # touches A01
    with pytest.raises(ValidationError) as error:
        place(BoothFactory(event=event, hall="A", number="A03"), plan, 150, 150, 80, 80)
    assert "A · A01" in str(error.value)


def test_a_booth_may_not_overlap_a_room_nor_a_room_a_booth(plan, event):
    place(RoomFactory(event=event), plan, 400, 100, 300, 200)
    with pytest.raises(ValidationError):
        place(BoothFactory(event=event, hall="A", number="A09"), plan, 690, 290, 80, 80)
    place(BoothFactory(event=event, hall="A", number="A10"), plan, 800, 400, 80, 80)
    with pytest.raises(ValidationError):
        place(RoomFactory(event=event), plan, 750, 350, 100, 100)


def test_moving_a_booth_does_not_collide_with_itself(plan, event):
    booth = place(BoothFactory(event=event, hall="A", number="A01"), plan, 0, 0, 80, 80)
    place(booth, plan, 40, 0, 80, 80)
    assert booth.x == 40


def test_incomplete_coordinates_a_plan_of_another_hall_or_event_are_refused(plan, event):
    booth = BoothFactory(event=event, hall="A", number="A01")
    booth.floor_plan, booth.x = plan, 10
    with pytest.raises(ValidationError):
        booth.full_clean()
    hall_b = BoothFactory(event=event, hall="B", number="B01")
    with pytest.raises(ValidationError) as error:
        place(hall_b, plan, 0, 0, 50, 50)
    assert "hall A" in str(error.value) or "khu A" in str(error.value)
    other_plan = FloorPlanFactory()
    with pytest.raises(ValidationError):
        place(BoothFactory(event=event, hall="A", number="A02"), other_plan, 0, 0, 50, 50)


@pytest.mark.parametrize(
    "content",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        b"<!DOCTYPE svg [<!ENTITY a 'x'>]><svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 9 9'>&a;</svg>",
        b"not a drawing",
    ],
)
def test_unsafe_or_unreadable_drawings_are_refused_with_a_message(event, content):
    plan = FloorPlan(event=event, name_vi="Tầng 1", hall="A", image=SimpleUploadedFile("plan.svg", content))
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "image" in error.value.message_dict


def test_a_png_drawing_takes_its_pixel_size(event, tmp_path):
    from PIL import Image

    path = tmp_path / "plan.png"
    Image.new("RGB", (640, 480), "white").save(path)
    plan = FloorPlan(
        event=event, name_vi="Tầng 1", hall="A", image=SimpleUploadedFile("plan.png", path.read_bytes())
    )
    plan.full_clean()
    plan.save()
    assert (plan.width, plan.height) == (640, 480)


def test_booth_status_follows_its_application(plan, event, package):
    free = BoothFactory(event=event, hall="A", number="A01")
    assigned = BoothFactory(event=event, hall="A", number="A02")
    paid = BoothFactory(event=event, hall="A", number="A03")
    ApplicationFactory(event=event, package=package, booth=assigned, status="approved")
    ApplicationFactory(event=event, package=package, booth=paid, status="confirmed")
    from exhibitors.models import Booth

    statuses = dict(Booth.objects.with_map_status().values_list("number", "map_status"))
    assert statuses == {"A01": BoothStatus.FREE, "A02": BoothStatus.ASSIGNED, "A03": BoothStatus.PAID}
    assert free.pk


# --- the public map page -----------------------------------------------------------------------


@pytest.fixture
def shrimp(plan, event, package):
    """A shrimp-pond sensor on show at booth A05 (Make in DaNang), another company at A06."""
    farmer = ExhibitorFactory(name="Công ty Thủy Sản Thông Minh", sector="agritech", is_make_in_danang=True)
    ProductFactory(exhibitor=farmer, name_vi="Cảm biến ao nuôi tôm", name_en="Shrimp pond sensor")
    booth = place(BoothFactory(event=event, hall="A", number="A05"), plan, 100, 100, 80, 80)
    ApplicationFactory(exhibitor=farmer, event=event, package=package, booth=booth, status="confirmed")
    other = ExhibitorFactory(name="Công ty Phần mềm Tùy chỉnh", sector="fintech")
    ProductFactory(exhibitor=other, name_vi="Phần mềm kế toán", name_en="Custom accounting automation")
    other_booth = place(BoothFactory(event=event, hall="A", number="A06"), plan, 180, 100, 80, 80)
    ApplicationFactory(exhibitor=other, event=event, package=package, booth=other_booth, status="confirmed")
    return booth


def map_url(event, **params):
    from urllib.parse import urlencode

    url = reverse("exhibitors:venue_map", kwargs={"event_id": event.pk})
    return f"{url}?{urlencode(params)}" if params else url


def test_the_map_page_lists_every_booth_by_hall_without_javascript(client, event, shrimp):
    response = client.get(map_url(event))
    html = response.content.decode()
    assert response.status_code == 200
    # The plan as SVG with a text alternative, each booth a link that keyboard and screen readers reach.
    assert 'role="group"' in html and "<desc" in html
    assert f'id="booth-shape-{shrimp.pk}"' in html
    assert "Booth A05: Công ty Thủy Sản Thông Minh" in html or "Gian A05: Công ty Thủy Sản Thông Minh" in html
    # The list by hall needs no script: each booth's row names its exhibitor.
    row = html.split(f'id="booth-{shrimp.pk}"')[1].split("</tr>")[0]
    assert "A05" in row and "Công ty Thủy Sản Thông Minh" in row and "Make in DaNang" in row


def test_searching_tom_finds_the_shrimp_pond_booth_only(client, event, shrimp):
    html = client.get(map_url(event, q="tôm")).content.decode()
    results = html.split('id="map-results-heading"')[1].split("</section>")[0]
    assert "A05" in results and "Cảm biến ao nuôi tôm" in results
    assert "A06" not in results  # "custom", "automation" only contain it
    assert 'class="booth status-paid taken mid match"' in html


def results_of(client, url):
    return client.get(url).content.decode().split('id="map-results-heading"')[1].split("</section>")[0]


def test_search_without_accents_and_by_booth_number(client, event, shrimp):
    assert "A05" in results_of(client, map_url(event, q="ao nuoi tom"))
    results = results_of(client, map_url(event, q="a06"))
    assert "A06" in results and "A05" not in results


def test_a_you_are_here_point_is_marked_and_named(client, event, plan):
    point = MapPointFactory(floor_plan=plan, label_vi="Lối vào khu A")
    html = client.get(map_url(event, at=point.code)).content.decode()
    assert 'class="here-point current"' in html
    assert "Lối vào khu A" in html.split('role="note"')[1]
    # An unknown code is simply no point.
    assert "here-point current" not in client.get(map_url(event, at="nope")).content.decode()


def test_an_unknown_or_unpublished_event_is_a_404(client, event):
    assert client.get(reverse("exhibitors:venue_map", kwargs={"event_id": 999999})).status_code == 404


def test_the_map_page_in_english(client, event, shrimp):
    url = map_url(event).replace("/vi/", "/en/")
    html = client.get(url).content.decode()
    assert "Venue map" in html and "Booths by hall" in html


def test_the_map_page_runs_a_fixed_number_of_queries(client, event, plan, package, count_queries):
    def add(n):
        for _ in range(n):
            number = f"A{len(plan.booths.all()) + 1:02d}"
            booth = place(
                BoothFactory(event=event, hall="A", number=number),
                plan,
                90 * len(plan.booths.all()),
                0,
                80,
                80,
            )
            ApplicationFactory(event=event, package=package, booth=booth, status="confirmed")
            ProductFactory(exhibitor=booth.applications.get().exhibitor, name_vi=f"Cảm biến tôm {number}")
        RoomFactory(event=event)
        MapPointFactory(floor_plan=plan)

    add(1)
    one = count_queries(client, map_url(event, q="tôm"))
    add(3)
    four = count_queries(client, map_url(event, q="tôm"))
    assert one == four


# --- small maps on product, exhibitor and session pages -----------------------------------------


def test_the_product_page_shows_its_booth_highlighted_on_a_small_map(client, event, shrimp):
    product = shrimp.applications.get().exhibitor.products.get()
    html = client.get(product.get_absolute_url()).content.decode()
    figure = html.split('class="small-map"')[1].split("</figure>")[0]
    assert f'data-highlight="{shrimp.pk}"' in figure and ">A05</text>" in figure
    assert figure.count('class="booth other"') == 1  # A06, drawn as background
    assert f'{map_url(event)}#booth-{shrimp.pk}"' in figure
    assert 'role="img"' in figure and "A05" in figure.split("<figcaption")[1]


def test_the_exhibitor_page_shows_its_booth_on_a_small_map(client, event, shrimp):
    exhibitor = shrimp.applications.get().exhibitor
    html = client.get(exhibitor.get_absolute_url()).content.decode()
    assert f'data-highlight="{shrimp.pk}"' in html


def test_a_booth_not_drawn_on_a_plan_shows_no_small_map(client, event, package):
    application = ApplicationFactory(
        event=event, package=package, booth=BoothFactory(event=event, hall="A"), status="confirmed"
    )
    product = ProductFactory(exhibitor=application.exhibitor)
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'class="small-map"' not in html


def test_the_session_page_shows_its_room_on_the_plan(client, event, plan):
    from tests.factories.events import SessionFactory

    room = place(RoomFactory(event=event, name_vi="Phòng 2.1"), plan, 600, 100, 200, 150)
    session = SessionFactory(event=event, room=room)
    html = client.get(f"{event.url}sessions/{session.slug}/").content.decode()
    figure = html.split('class="small-map"')[1].split("</figure>")[0]
    assert 'class="room highlight"' in figure and ">Phòng 2.1</text>" in figure
    assert f'{map_url(event)}#room-{room.pk}"' in figure


# --- the admin's floor-plan editor --------------------------------------------------------------


def test_the_editor_places_a_booth_and_refuses_an_overlap_with_a_message(admin_client, event, plan):
    first = BoothFactory(event=event, hall="A", number="A01")
    second = BoothFactory(event=event, hall="A", number="A02")
    url = reverse("exhibitors_admin:floor_plan", args=[plan.pk])
    assert admin_client.get(reverse("exhibitors_admin:floor_plans")).status_code == 200
    response = admin_client.post(
        url, {"item": f"booth-{first.pk}", "x": 10, "y": 10, "width": 80, "height": 80}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.rectangle == (10, 10, 80, 80)
    response = admin_client.post(
        url, {"item": f"booth-{second.pk}", "x": 50, "y": 50, "width": 80, "height": 80}
    )
    assert response.status_code == 200 and "A · A01" in response.content.decode()
    second.refresh_from_db()
    assert not second.is_placed
    # Taking a booth off the plan.
    admin_client.post(url, {"item": f"booth-{first.pk}", "remove": "on"})
    first.refresh_from_db()
    assert first.floor_plan_id is None and first.x is None


def test_the_editor_shows_statuses_and_a_printable_qr_per_point(admin_client, event, plan, package):
    import zxingcpp
    from PIL import Image

    booth = BoothFactory(event=event, hall="A", number="A01", floor_plan=plan, x=0, y=0, width=50, height=50)
    ApplicationFactory(event=event, package=package, booth=booth, status="approved")
    point = MapPointFactory(floor_plan=plan)
    html = admin_client.get(reverse("exhibitors_admin:floor_plan", args=[plan.pk])).content.decode()
    assert "#fdf0d5" in html  # assigned, awaiting payment
    response = admin_client.get(reverse("exhibitors_admin:point_qr", args=[point.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    png = qr_as_png(response.content)
    decoded = zxingcpp.read_barcodes(Image.open(png))
    assert decoded[0].text == f"http://testserver{map_url(event)}?at={point.code}"


def qr_as_png(svg, scale=8):
    """Draw the QR SVG with Pillow: each subpath of its path is one square module of 1 unit."""
    import io
    import re

    from PIL import Image, ImageDraw

    size = int(float(re.search(rb'viewBox="0 0 ([\d.]+)', svg).group(1)))
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    for x, y in re.findall(r"M([\d.]+),([\d.]+)", re.search(rb' d="([^"]+)"', svg).group(1).decode()):
        left, top = float(x) * scale, float(y) * scale
        draw.rectangle([left, top, left + scale - 1, top + scale - 1], fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def test_only_organisers_open_the_editor(client, plan):
    assert client.get(reverse("exhibitors_admin:floor_plan", args=[plan.pk])).status_code in (302, 403)


def test_editing_a_plan_or_a_point_makes_the_cached_map_a_miss(
    client, event, plan, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 60
    url = map_url(event)
    client.get(url)
    assert client.get(url).headers.get("X-Page-Cache") == "hit"
    plan.name_vi = "Tầng 1 · Khu mới"
    with django_capture_on_commit_callbacks(execute=True):
        plan.save()
    response = client.get(url)
    assert response.headers.get("X-Page-Cache") == "miss" and "Tầng 1 · Khu mới" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        MapPointFactory(floor_plan=plan, label_vi="Cửa hông")
    assert client.get(url).headers.get("X-Page-Cache") == "miss"
