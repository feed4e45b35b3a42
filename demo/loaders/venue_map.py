"""Demo venue map: floor plans of the upcoming Day's venue (two exhibition halls and the conference floor),
its booths and rooms drawn on them, and a "you are here" point at each entrance.

Data: demo/data/exhibitors/floor_plans.json and the SVG drawings in demo/data/exhibitors/floor-plans/.
Idempotent: plans by event and hall, points by code; booths and rooms placed again at the same
coordinates. The exhibitors' loader runs it once it has made the booths.
"""

from django.core.files.base import ContentFile

from demo.files import DATA_DIR, MissingDemoData, read
from events.models import FloorPlan, MapPoint, Room
from exhibitors.models import Booth


def load_plans(event, log):
    data = read("exhibitors", "floor_plans")
    placed = 0
    for order, spec in enumerate(data["plans"]):
        plan = ensure_plan(event, spec, order)
        placed += place_booths(event, plan, spec.get("booth_rows", []), data["booth"])
        placed += place_rooms(event, plan, spec.get("rooms", []))
        for point in spec.get("points", []):
            MapPoint.objects.update_or_create(
                code=point["code"],
                defaults={
                    "floor_plan": plan,
                    "label_vi": point["vi"],
                    "label_en": point["en"],
                    "x": point["x"],
                    "y": point["y"],
                },
            )
    log(f"  {len(data['plans'])} floor plans, {placed} booths and rooms placed on them")


def ensure_plan(event, spec, order):
    path = DATA_DIR / "exhibitors" / "floor-plans" / spec["file"]
    if not path.exists():
        raise MissingDemoData(f"demo data file missing: {path}")
    plan = FloorPlan.objects.filter(event=event, hall=spec["hall"], floor=spec["floor"]).first()
    if plan is None:
        plan = FloorPlan(event=event, hall=spec["hall"], floor=spec["floor"])
        plan.image.save(spec["file"], ContentFile(path.read_bytes()), save=False)
    plan.name_vi, plan.name_en, plan.sort_order = spec["vi"], spec["en"], order
    plan.save()
    return plan


def place_booths(event, plan, rows, size):
    booths = {booth.number: booth for booth in Booth.objects.filter(event=event, hall=plan.hall)}
    changed = []
    for row in rows:
        x = size["x"]
        for n in range(row["first"], row["last"] + 1):
            booth = booths.get(f"{plan.hall}{n:02d}")
            if booth is None:
                continue
            width = size["wide"] if "6" in booth.size else size["standard"]
            booth.floor_plan, booth.x, booth.y, booth.width, booth.height = (
                plan,
                x,
                row["y"],
                width,
                size["height"],
            )
            changed.append(booth)
            x += width
    Booth.objects.bulk_update(changed, ["floor_plan", "x", "y", "width", "height"])
    return len(changed)


def place_rooms(event, plan, specs):
    rooms = {room.sort_order: room for room in Room.objects.filter(event=event)}
    changed = []
    for spec in specs:
        room = rooms.get(spec["sort_order"])
        if room is None:
            continue
        room.floor_plan = plan
        room.x, room.y, room.width, room.height = spec["x"], spec["y"], spec["width"], spec["height"]
        changed.append(room)
    Room.objects.bulk_update(changed, ["floor_plan", "x", "y", "width", "height"])
    return len(changed)
