"""Time the site search on this database's data, uncached; prints one JSON line (used by `make bench`).

Each query is asked as the search page (`/vi/search/?q=`), one kind of it (`&kind=products`) and the
JSON endpoint, `--repeat` times after one warm-up, with the page cache off: the median is the time of
the search itself. The number of SQL statements of each is printed too (the same for every query).
"""

import json
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# What the visitors looked for, and common words that match many rows of every kind.
QUERIES = ["bui van binh", "tom", "khai mac", "chuyen doi so", "da nang", "giam sat", "nong nghiep", "ai"]
URLS = {
    "page": "/vi/search/?q={q}",
    "page_en": "/en/search/?q={q}",
    "one_kind": "/vi/search/?q={q}&kind=products",
    "api": "/api/v1/search/?q={q}",
}


class Command(BaseCommand):
    help = "Time the site search (page, one kind, API) for a few queries and print the medians as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, repeat, **options):
        settings.PAGE_CACHE_SECONDS = 0  # the search itself, not the anonymous page cache
        client = Client(HTTP_HOST="127.0.0.1")
        timings, per_url, queries = [], {}, {}
        for name, pattern in URLS.items():
            per_url[name] = []
            for query in QUERIES:
                url = pattern.format(q=query.replace(" ", "+"))
                client.get(url)  # warm: templates, site root paths, content types
                for _ in range(repeat):
                    start = time.perf_counter()
                    with CaptureQueriesContext(connection) as captured:
                        response = client.get(url)
                    elapsed = (time.perf_counter() - start) * 1000
                    assert response.status_code == 200, (url, response.status_code)
                    timings.append(elapsed)
                    per_url[name].append(elapsed)
                queries.setdefault(name, set()).add(len(captured))
        result = {
            "database": connection.vendor,
            "median_ms": round(statistics.median(timings), 1),
            "p90_ms": round(statistics.quantiles(timings, n=10)[-1], 1),
            "max_ms": round(max(timings), 1),
            "median_ms_by_url": {
                name: round(statistics.median(values), 1) for name, values in per_url.items()
            },
            "queries_by_url": {name: sorted(counts) for name, counts in queries.items()},
            "searches": len(timings),
        }
        self.stdout.write(json.dumps(result))
