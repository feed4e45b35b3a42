"""The in-process half of `make bench`: finds what to measure and counts SQL queries.

Run by bench/run.py with the benchmark's environment (bench/settings.py, the bench database):
`python bench/probe.py COMMAND [ARGS]` prints one JSON object on stdout. It never serves load; the
load comes from bench/loadclient.py against gunicorn.

Each feature is looked up where its app puts it; a feature that does not exist yet in the tree is
reported as `{"available": false, "reason": ...}`, so the bench runs at every stage of the project.
"""

import datetime
import json
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

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
    from django.utils.encoding import iri_to_uri

    pages = _page_targets()
    # What goes on the wire must be percent-encoded (the test client does this by itself).
    return {k: iri_to_uri(v) if isinstance(v, str) else v for k, v in pages.items()}


def _page_targets():
    pages = {"home": "/vi/"}
    event = biggest_event()
    if event is not None:
        url = event.get_url()
        pages["agenda"] = first_ok([url + "agenda/", url + "chuong-trinh/", url])
        pages["schedule_json"] = first_ok([url + "schedule.json"])
        pages["_agenda_sessions"] = event.sessions.count()
        # The page everyone opens when registration opens (pretix's ticket shop page in issue 13).
        pages["registration"] = first_ok(
            try_reverse(["registration:register"], kwargs={"event_id": event.pk})
        )
        pages["_registration_open"] = bool(getattr(event, "registration_is_open", False))
        pages["_registration_ticket_types"] = (
            event.ticket_types.count() if hasattr(event, "ticket_types") else 0
        )
    else:
        pages["agenda"] = pages["schedule_json"] = pages["registration"] = None

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


def checkin_targets(count, devices):
    """The whole-event entrance list with the most valid tickets, `count` of their secrets not yet
    scanned, and `devices` device tokens (one per scanning lane: the redeem limit is per device)."""
    try:
        from checkin.models import CheckIn, CheckInList
        from checkin.services import create_device
        from registration.models import Ticket
    except ImportError as error:
        return unavailable(f"check-in app not built yet ({error})")
    from django.db.models import Count, Q

    lists = CheckInList.objects.filter(session=None, valid_from__isnull=True, valid_until__isnull=True)
    if hasattr(CheckInList, "is_active"):
        lists = lists.filter(is_active=True)
    checkin_list = (
        lists.annotate(
            n=Count(
                "event__ticket_types__tickets",
                filter=Q(event__ticket_types__tickets__status="valid"),
            )
        )
        .order_by("-n", "pk")
        .first()
    )
    if checkin_list is None:
        return unavailable("no whole-event check-in list in the demo data")
    tickets = Ticket.objects.filter(
        status="valid", order__status="confirmed", ticket_type__event=checkin_list.event
    )
    admitted = list(checkin_list.ticket_types.values_list("pk", flat=True))
    if admitted:
        tickets = tickets.filter(ticket_type__in=admitted)
    scanned = CheckIn.objects.filter(checkin_list=checkin_list, successful=True).values("ticket_id")
    secrets = list(tickets.exclude(pk__in=scanned).order_by("pk").values_list("secret", flat=True)[:count])
    if not secrets:
        return unavailable(
            "no valid ticket for the check-in list in the demo data (registration demo missing?)"
        )
    tokens = [create_device(f"bench lane {n + 1}")[1] for n in range(devices)]
    return {"available": True, "list": checkin_list.pk, "secrets": secrets, "tokens": tokens}


# --- SQL queries ---------------------------------------------------------------------------------


def count_queries(path, method="get", **kwargs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = kwargs.pop("client", None) or client()
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(c, method)(path, **kwargs)
    return response, len(data_statements(ctx.captured_queries))


# Transaction control, logged by Django with psycopg 3 but not with psycopg 2 or by pretix's figures:
# counted apart, so "queries" means statements that read or write rows.
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def data_statements(captured):
    return [q for q in captured if not q["sql"].lstrip().upper().startswith(CONTROL)]


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
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = {"HTTP_AUTHORIZATION": f"Token {token}"}
    out = {}
    for kind, code in (("first", secret), ("repeat", repeat_secret), ("invalid", "X" * 26)):
        if not code:
            continue
        body = json.dumps({"secret": code, "list": list_id, "nonce": f"probe-{kind}-{time.time_ns()}"})
        with CaptureQueriesContext(connection) as ctx:
            response = client().post(path, data=body, content_type="application/json", **headers)
        out[kind] = {
            "status": response.status_code,
            "queries": len(data_statements(ctx.captured_queries)),
            "statements": len(ctx.captured_queries),  # with BEGIN/COMMIT: round trips to the database
        }
    return out


# --- registration burst --------------------------------------------------------------------------


def registration_burst(attempts, capacity, workers, processes=2):
    """`attempts` free registrations at once for a ticket type of `capacity` places, through the
    registration service, then every held order confirmed through its e-mail link: exactly
    `capacity` must be confirmed and the rest refused as sold out.

    The attempts are spread over `processes` processes (as over the app servers' workers; one Python
    process would measure its own GIL) with `workers` database connections in all, released together."""
    try:
        from registration import services
        from registration.models import Order, OrderStatus, TicketType
    except ImportError as error:
        return unavailable(f"registration services not built yet ({error})")
    import subprocess

    from django.utils import timezone

    from events.models import EventPage

    event = (
        EventPage.objects.live()
        .filter(locale__language_code="vi", ends_at__gt=timezone.now(), is_cancelled=False)
        .order_by("starts_at")
    )
    event = next((e for e in event if e.registration_is_open), None) or event.first()
    if event is None:
        return unavailable("no upcoming event in the demo data")
    if not event.registration_is_open:
        # The bench's own database: open registration now, as on the morning it opens.
        type(event).objects.filter(pk=event.pk).update(
            registration_opens_at=timezone.now() - datetime.timedelta(hours=1), registration_closes_at=None
        )
        event.refresh_from_db()
    ticket_type = TicketType.objects.create(
        event=event, name_vi="Vé bench", name_en="Bench ticket", price=0, capacity=capacity, max_per_order=1
    )
    children = []
    for n in range(processes):
        numbers = list(range(n, attempts, processes))
        argv = [sys.executable, __file__, "burst-worker", event.pk, ticket_type.pk]
        argv += [max(1, workers // processes), ",".join(map(str, numbers))]
        children.append(
            subprocess.Popen(list(map(str, argv)), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        )
    for child in children:  # each has loaded Django and says so; then all are released at once
        assert child.stdout.readline().strip() == "ready"
    t0 = time.perf_counter()
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    results = []
    for child in children:
        out, _ = child.communicate(timeout=600)
        results += [tuple(item) for item in json.loads(out.strip().splitlines()[-1])]
    elapsed = time.perf_counter() - t0
    held = [pk for label, pk, _ in results if label == "held"]
    for order in Order.objects.filter(pk__in=held):
        services.confirm_email(order)
    confirmed = Order.objects.filter(tickets__ticket_type=ticket_type, status=OrderStatus.CONFIRMED).count()
    labels = {}
    for label, _, _ in results:
        key = label if not label.startswith("error:") else "error"
        labels[key] = labels.get(key, 0) + 1
    errors = [label for label, _, _ in results if label.startswith("error:")]
    latencies = sorted(ms for _, _, ms in results)

    def pct(fraction, values=latencies):
        return round(values[min(len(values) - 1, int(fraction * len(values)))], 1)

    by_answer = {}
    for label in {label for label, _, _ in results}:
        values = sorted(ms for other, _, ms in results if other == label)
        by_answer[label] = {"count": len(values), "p50_ms": pct(0.5, values), "p95_ms": pct(0.95, values)}

    return {
        "available": True,
        "attempts": attempts,
        "capacity": capacity,
        "workers": workers,
        "processes": processes,
        "confirmed": confirmed,
        "refused": sum(1 for label, _, _ in results if label.startswith("refused:")),
        "errors": len(errors) + max(0, attempts - len(results)),
        "error_samples": errors[:3],
        "answers": labels,
        "seconds": round(elapsed, 2),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "by_answer": by_answer,
    }


def burst_worker(event_id, type_id, threads, numbers):
    """One process's share of the burst: [label, order id, ms] per attempt."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    from events.models import EventPage
    from registration import services
    from registration.models import TicketType

    event = EventPage.objects.get(pk=event_id)
    ticket_type = TicketType.objects.get(pk=type_id)
    connections.close_all()

    def register(number):
        t0 = time.perf_counter()
        try:
            order = services.place_order(
                event=event,
                email=f"bench{number}@example.org",
                attendees=[
                    services.AttendeeData(
                        ticket_type=ticket_type,
                        name=f"Nguyễn Văn Bench {number}",
                        email=f"bench{number}@example.org",
                    )
                ],
                consent=True,
            )
            outcome = ("held", order.pk)
        except services.RegistrationError as refusal:
            outcome = (f"refused:{refusal.code}", None)
        except Exception as error:  # noqa: BLE001 - counted as an error in the report
            outcome = (f"error:{type(error).__name__}:{error}"[:200], None)
        # Each thread keeps its database connection, as a worker does (CONN_MAX_AGE): opening one per
        # attempt would measure PostgreSQL's process start-up instead of registration.
        return [*outcome, (time.perf_counter() - t0) * 1000]

    print("ready", flush=True)
    sys.stdin.readline()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(register, numbers))


def main():
    command = sys.argv[1]
    setup()
    if command == "pages":
        paths = page_targets()
        print(json.dumps({"pages": paths, "queries": page_queries(paths)}))
    elif command == "checkin":
        print(json.dumps(checkin_targets(int(sys.argv[2]), int(sys.argv[3]))))
    elif command == "redeem-queries":
        token, list_id, secret, repeat, path = sys.argv[2:7]
        print(json.dumps(redeem_queries(token, int(list_id), secret, repeat, path)))
    elif command == "burst":
        attempts, capacity, workers, processes = (int(x) for x in sys.argv[2:6])
        print(json.dumps(registration_burst(attempts, capacity, workers, processes)))
    elif command == "burst-worker":
        event_id, type_id, threads, numbers = sys.argv[2:6]
        result = burst_worker(int(event_id), int(type_id), int(threads), [int(n) for n in numbers.split(",")])
        print(json.dumps(result))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main()
