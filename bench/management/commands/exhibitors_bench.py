"""Time the catalogue page at 200 and 5,000 products; prints one JSON line (used by `make bench`).

Works on any database: it adds throwaway products inside a transaction that is rolled back.
"""

import json
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exhibitors.models import Exhibitor, Product, ProductStatus

URL = "/vi/catalogue/?q=giam+sat&sector=smart_city&maturity=on_market"


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Render the Make in DaNang catalogue at 200 and 5,000 products and print timings as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="200,5000")
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, sizes, repeat, **options):
        results = []
        try:
            with transaction.atomic():
                for size in [int(s) for s in sizes.split(",")]:
                    self._fill(size)
                    results.append({"products": size, **self._measure(repeat)})
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(json.dumps({"catalogue": results, "url": URL}))

    def _fill(self, size):
        current = Product.objects.published().filter(exhibitor__is_public=True).count()
        if current >= size:
            return
        exhibitor, _ = Exhibitor.objects.get_or_create(
            slug="bench-exhibitor",
            defaults={
                "name": "Công ty Đo Hiệu Năng",
                "tax_code": "0400000000",
                "sector": "smart_city",
                "contact_name": "Bench",
                "contact_email": "bench@example.com",
                "contact_phone": "+84905000000",
                "is_public": True,
            },
        )
        now = timezone.now()
        batch = []
        for n in range(size - current):
            product = Product(
                exhibitor=exhibitor,
                slug=f"bench-run-{size}-{n}",
                name_vi=f"Hệ thống giám sát đô thị {n}",
                name_en=f"City monitoring system {n}",
                description_vi="Giám sát giao thông và môi trường.",
                category="software",
                sector=["smart_city", "fintech", "edtech", "iot"][n % 4],
                maturity=["on_market", "prototype"][n % 2],
                status=ProductStatus.PUBLISHED,
                published_at=now,
            )
            product.search_text = product.build_search_text(exhibitor_name=exhibitor.name)
            batch.append(product)
        Product.objects.bulk_create(batch, batch_size=500)

    def _measure(self, repeat):
        client = Client(HTTP_HOST="127.0.0.1")
        client.get(URL)  # warm caches and renditions
        timings = []
        for _ in range(repeat):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(URL)
            timings.append((time.perf_counter() - start) * 1000)
        return {
            "status": response.status_code,
            "render_ms": round(statistics.median(timings), 1),
            "queries": len(queries),
        }
