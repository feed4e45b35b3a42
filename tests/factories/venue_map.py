"""Factories for the venue map: floor plans (a small SVG drawing) and "you are here" points."""

import factory
from django.core.files.base import ContentFile

from events.models import FloorPlan, MapPoint
from tests.factories.events import EventPageFactory


def plan_svg(width=1000, height=600):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#eee"/></svg>'
    ).encode()


class FloorPlanFactory(factory.django.DjangoModelFactory):
    """A 1000 × 600 plan of hall A, floor 1."""

    class Meta:
        model = FloorPlan

    event = factory.SubFactory(EventPageFactory)
    name_vi = factory.Sequence(lambda n: f"Tầng 1 · Khu {n}")
    name_en = factory.Sequence(lambda n: f"Floor 1 · Hall {n}")
    hall = "A"
    floor = 1
    image = factory.LazyFunction(lambda: ContentFile(plan_svg(), name="plan.svg"))


class MapPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MapPoint

    floor_plan = factory.SubFactory(FloorPlanFactory)
    label_vi = "Lối vào"
    label_en = "Entrance"
    x = 500
    y = 580
