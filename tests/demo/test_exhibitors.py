"""The demo showcase loads, is idempotent, and scales with bulk inserts."""

import random

from demo.loaders import exhibitors as loader
from exhibitors.models import Booth, Exhibitor, ExhibitorApplication, Product
from tests.factories.events import EventPageFactory


def test_demo_is_idempotent_and_scales(site_pages, monkeypatch):
    from wagtail.images import get_image_model

    monkeypatch.setattr(loader, "BASE_PRODUCTS", 60)  # the real demo makes 200; keep the test quick
    EventPageFactory(event_type="digital_day", title="Ngày Chuyển đổi số Đà Nẵng")
    loader.load(scale=1, rng=random.Random(1), log=lambda line: None)
    counts = (
        Exhibitor.objects.count(),
        Product.objects.count(),
        Booth.objects.count(),
        ExhibitorApplication.objects.count(),
        get_image_model().objects.count(),
    )
    assert counts[0] >= 50 and counts[1] == 60 and counts[2] == 60
    assert ExhibitorApplication.objects.filter(status="submitted").exists()
    assert Product.objects.awaiting_review().exists()
    loader.load(scale=1, rng=random.Random(1), log=lambda line: None)
    assert counts == (
        Exhibitor.objects.count(),
        Product.objects.count(),
        Booth.objects.count(),
        ExhibitorApplication.objects.count(),
        get_image_model().objects.count(),
    )
    loader.load(scale=3, rng=random.Random(1), log=lambda line: None)
    assert Product.objects.count() == 180
    bench = Product.objects.filter(slug__startswith="bench-").first()
    assert bench.search_text and bench.images.count() == 1
