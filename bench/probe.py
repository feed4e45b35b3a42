"""The in-process half of `make bench`: finds what to measure and counts SQL queries.

Run by bench/run.py with the benchmark's environment (production settings, the bench database):
`python bench/probe.py COMMAND [ARGS]` prints one JSON object on stdout. It never serves load; the
load comes from bench/loadclient.py against gunicorn.

Each feature is looked up where its app puts it; a feature that does not exist yet in the tree is
reported as `{"available": false, "reason": ...}`, so the bench runs at every stage of the project.
"""

import json
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

HOST = "127.0.0.1"


def setup():
    import django

    django.setup()


def unavailable(reason):
    return {"available": False, "reason": reason}


def client():
    from django.test import Client

    return Client(HTTP_HOST=HOST)


def get_ok(path):
    """True if an anonymous GET of `path` answers 200 in-process."""
    try:
        return client().get(path).status_code == 200
    except Exception:  # noqa: BLE001 - a probe reports, it does not crash
        return False


def first_ok(candidates):
    for path in candidates:
        if path and get_ok(path):
            return path
    return None


def try_reverse(names, kwargs=None, language="vi"):
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    paths = []
    with translation.override(language):
        for name in names:
            try:
                paths.append(reverse(name, kwargs=kwargs))
            except NoReverseMatch:
                continue
    return paths


# --- what to measure -----------------------------------------------------------------------------


def biggest_event():
    """The Vietnamese EventPage with the most sessions (the upcoming Day in the demo data)."""
    try:
        from django.db.models import Count

        from events.models import EventPage
    except ImportError:
        return None
    return (
        EventPage.objects.live()
        .filter(locale__language_code="vi")
        .annotate(n_sessions=Count("sessions"))
        .order_by("-n_sessions", "-starts_at")
        .first()
    )


def page_targets():
    pages = {"home": "/vi/"}
    event = biggest_event()
    if event is not None:
        url = event.get_url()
        pages["agenda"] = first_ok([url + "agenda/", url + "chuong-trinh/", url])
        pages["schedule_json"] = first_ok([url + "schedule.json"])
        pages["_agenda_sessions"] = event.sessions.count()
    else:
        pages["agenda"] = pages["schedule_json"] = None

    catalogue = first_ok(
        try_reverse(["exhibitors:catalogue", "exhibitors:product_list", "catalogue", "product_list"])
    )
    pages["catalogue"] = catalogue
    pages["catalogue_filtered"] = None
    pages["product"] = None
    if catalogue:
        search_word = "thông minh"
        filtered = None
        try:
            from exhibitors.models import Product

            products = Product.objects.all()
            pages["_products"] = products.count()
            product = products.order_by("pk").first()
            sector = None
            for field in ("sector", "category"):
                if hasattr(Product, field):
                    value = (
                        products.exclude(**{f"{field}__isnull": True}).values_list(field, flat=True).first()
                    )
                    if value is not None:
                        sector = (field, getattr(value, "slug", value))
                        break
            if sector:
                filtered = f"{catalogue}?{sector[0]}={sector[1]}&q={search_word}"
            if product is not None and hasattr(product, "get_absolute_url"):
                pages["product"] = first_ok([product.get_absolute_url()])
        except Exception:  # noqa: BLE001, S110 - an optional refinement; the plain catalogue still counts
            pass
        pages["catalogue_filtered"] = first_ok([filtered, f"{catalogue}?q={search_word}"])
    pages["exhibitors"] = first_ok(
        try_reverse(
            ["exhibitors:directory", "exhibitors:exhibitor_list", "exhibitors:index", "exhibitor_list"]
        )
    )
    return pages


def checkin_targets(count):
    """The main entrance list of the biggest event and `count` secrets of valid tickets not yet scanned."""
    try:
        from checkin.models import CheckIn, CheckInList  # noqa: F401
        from registration.models import Ticket
    except ImportError as error:
        return unavailable(f"check-in app not built yet ({error})")
    event = biggest_event()
    lists = CheckInList.objects.all()
    if event is not None and hasattr(CheckInList, "event"):
        lists = lists.filter(event=event) or CheckInList.objects.all()
    checkin_list = lists.order_by("pk").first()
    if checkin_list is None:
        return unavailable("no check-in list in the demo data")
    tickets = Ticket.objects.all()
    for field, value in (("status", "valid"), ("status", "confirmed")):
        try:
            if tickets.filter(**{field: value}).exists():
                tickets = tickets.filter(**{field: value})
                break
        except Exception:  # noqa: BLE001, S112 - field names differ between stages of the app
            continue
    if hasattr(Ticket, "order") and event is not None:
        try:
            scoped = tickets.filter(order__event=event)
            if scoped.exists():
                tickets = scoped
        except Exception:  # noqa: BLE001, S110 - an optional refinement; the plain catalogue still counts
            pass
    scanned = CheckIn.objects.values("ticket_id")
    secrets = list(tickets.exclude(pk__in=scanned).order_by("pk").values_list("secret", flat=True)[:count])
    return {"available": True, "list": checkin_list.pk, "secrets": secrets}


# --- SQL queries ---------------------------------------------------------------------------------


def count_queries(path, method="get", **kwargs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = kwargs.pop("client", None) or client()
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(c, method)(path, **kwargs)
    return response, len(ctx.captured_queries)


def page_queries(paths):
    """Queries per page, cold (empty cache) and warm (as served under load)."""
    from django.core.cache import cache

    out = {}
    cache.clear()
    for name, path in paths.items():
        if not path or name.startswith("_"):
            continue
        response, cold = count_queries(path)
        _, warm = count_queries(path)
        out[name] = {"status": response.status_code, "cold": cold, "warm": warm}
    return out


def redeem_queries(token, list_id, secret, repeat_secret, path):
    """Queries for one first scan and one repeat scan, through the real API view in-process."""
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"}
    out = {}
    for kind, code in (("first", secret), ("repeat", repeat_secret), ("invalid", "X" * 26)):
        if not code:
            continue
        body = json.dumps({"secret": code, "list": list_id, "nonce": f"probe-{kind}-{time.time_ns()}"})
        response, n = count_queries(path, "post", data=body, content_type="application/json", **headers)
        out[kind] = {"status": response.status_code, "queries": n}
    return out


# --- registration burst --------------------------------------------------------------------------


def registration_burst(attempts, capacity, workers):
    """`attempts` free registrations at once for `capacity` places through the registration service."""
    try:
        from bench import registration_adapter
    except ImportError as error:
        return unavailable(f"registration adapter missing ({error})")
    return registration_adapter.burst(attempts=attempts, capacity=capacity, workers=workers)


def main():
    command = sys.argv[1]
    setup()
    if command == "pages":
        paths = page_targets()
        print(json.dumps({"pages": paths, "queries": page_queries(paths)}))
    elif command == "checkin":
        print(json.dumps(checkin_targets(int(sys.argv[2]))))
    elif command == "redeem-queries":
        token, list_id, secret, repeat, path = sys.argv[2:7]
        print(json.dumps(redeem_queries(token, int(list_id), secret, repeat, path)))
    elif command == "burst":
        attempts, capacity, workers = (int(x) for x in sys.argv[2:5])
        print(json.dumps(registration_burst(attempts, capacity, workers)))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main()
