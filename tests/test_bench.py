"""`make bench` itself, at a tiny scale, so it cannot rot: it runs, measures every section, and leaves
nothing behind; and the bench's own pages and commands, which only bench/settings.py serves."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command

from bench import loadclient
from bench.management.commands import events_bench, exhibitors_bench, search_bench
from events.models import EventPage
from exhibitors.models import Product
from tests.conftest import postgres_server_url
from tests.factories.events import events_index
from tests.security.test_headers import production

BASE_DIR = Path(__file__).resolve().parent.parent
PAGES = (
    "home",
    "agenda",
    "catalogue",
    "catalogue_filtered",
    "product",
    "exhibitors",
    "schedule_json",
    "registration",
)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/bench/baseline.json", "/bench/baseline/"])
def test_production_does_not_serve_the_baselines(client, path):
    assert settings.ROOT_URLCONF == "config.urls" and "bench" not in settings.INSTALLED_APPS
    response = client.get(path)
    assert response.status_code == 404  # and not a redirect to /vi/bench/…


@pytest.mark.django_db
def test_bench_settings_serve_the_baselines_and_the_site(client, bench_site, site_pages):
    assert client.get("/bench/baseline.json").json() == {"status": "ok"}
    page = client.get("/bench/baseline/")
    assert page.status_code == 200 and "<h1>Baseline</h1>" in page.content.decode()
    assert client.get("/vi/").status_code == 200


def test_bench_settings_are_production_plus_the_baselines():
    out = production(
        "import django; django.setup(); from django.conf import settings as s; from django.test import Client;"
        "r = Client().get('/bench/baseline.json', secure=True, HTTP_HOST='dtday.danang.gov.vn');"
        "print(s.ROOT_URLCONF, s.INSTALLED_APPS[-1], s.SECURE_SSL_REDIRECT, s.DEBUG, r.status_code,"
        " r['Server-Timing'])",
        DJANGO_SETTINGS_MODULE="bench.settings",
    )
    assert out.returncode == 0, out.stderr
    *values, timing = out.stdout.split()
    assert values == ["bench.urls", "bench", "True", "False", "200"]
    # The time the request took inside Django, which the load client reads per kind of scan.
    assert loadclient.server_duration(timing) > 0, timing


@pytest.mark.parametrize(
    ("header", "milliseconds"),
    [
        ("app;dur=1.234", 1.234),
        ("app; dur=12", 12.0),
        ("app;desc=x;dur=0.5", 0.5),
        ("app", None),
        ("app;dur=x", None),
    ],
)
def test_the_load_client_reads_the_servers_time(header, milliseconds):
    assert loadclient.server_duration(header) == milliseconds


@pytest.mark.django_db
def test_events_bench_prints_one_json_line(bench_site, site_pages):
    # The command object itself: the bench app is installed by bench/settings.py only.
    events_index()
    out = StringIO()
    call_command(events_bench.Command(), sizes="3,9", repeat=1, stdout=out)
    data = json.loads(out.getvalue().strip())
    assert [row["sessions"] for row in data["agenda"]] == [3, 9]
    assert data["agenda"][0]["queries"] == data["agenda"][1]["queries"]
    assert EventPage.objects.filter(title__startswith="Bench").count() == 0  # rolled back


@pytest.mark.django_db
def test_exhibitors_bench_prints_one_json_line(bench_site, site_pages):
    out = StringIO()
    call_command(exhibitors_bench.Command(), sizes="3,9", repeat=1, stdout=out)
    data = json.loads(out.getvalue().strip())
    assert [(row["products"], row["status"]) for row in data["catalogue"]] == [(3, 200), (9, 200)]
    assert data["catalogue"][0]["queries"] == data["catalogue"][1]["queries"]
    assert not Product.objects.exists()  # rolled back


@pytest.mark.django_db
def test_search_bench_prints_one_json_line(bench_site, site_pages):
    out = StringIO()
    call_command(search_bench.Command(), repeat=1, stdout=out)
    data = json.loads(out.getvalue().strip())
    assert set(data["median_ms_by_url"]) == set(search_bench.URLS) and data["median_ms"] > 0
    assert data["searches"] == len(search_bench.URLS) * len(search_bench.QUERIES)


def pid_alive(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


@pytest.mark.postgres
@pytest.mark.long
def test_bench_runs_at_tiny_scale_and_stops_everything(tmp_path):
    output = tmp_path / "latest.json"
    proc = subprocess.Popen(
        [
            sys.executable,
            str(BASE_DIR / "bench" / "run.py"),
            "--scale=1",
            "--quick",
            "--seconds=0.5",
            f"--db-name=ddd_bench_t{os.getpid()}",
            f"--pg-url={postgres_server_url()}",
            # Flushed by the bench: this run's own Redis database (an xdist worker's, see config/settings/test.py).
            f"--redis-url={settings.REDIS_URL or 'redis://127.0.0.1:6379/10'}",
            f"--output={output}",
        ],
        cwd=BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = proc.communicate(timeout=900)
    except subprocess.TimeoutExpired:
        # SIGTERM, not SIGKILL: the bench then stops its servers and drops its database before exiting.
        proc.terminate()
        stdout, stderr = proc.communicate(timeout=120)
        pytest.fail(f"the bench took more than 900 s:\n{stderr[-4000:]}")
    assert proc.returncode == 0, stderr[-4000:] + stdout[-2000:]
    report = json.loads(output.read_text())

    for key in (
        "config",
        "setup",
        "baselines",
        "checkin",
        "registration_burst",
        "pages",
        "memory",
        "scaling",
    ):
        assert key in report, key
    assert "error" not in report
    assert report["setup"]["load_demo_s"] > 0
    for key in ("json_1", "json_8", "json_32", "page_8"):
        baseline = report["baselines"][key]
        assert baseline["requests"] > 0 and baseline["errors"] == 0, baseline
        assert baseline["p95_ms"] >= baseline["p50_ms"] > 0

    # Every section it names measured something: a section that only says why not fails the test.
    assert set(report["pages"]) - {"_data"} == set(PAGES)
    for name in PAGES:
        page = report["pages"][name]
        assert page.get("available"), (name, page)
        assert page["errors"] == 0 and page["statuses"] == {"200": page["requests"]} and page["requests"] > 0
        assert page["ratio"] > 0 and page["queries"]["warm"] >= 0, (name, page)

    workers = report["memory"]["workers_mb"]
    assert len(workers) == 2 and all(0 < mb < 1000 for mb in workers.values())
    assert len(report["memory"]["second_server_workers_mb"]) == 2
    for name in ("baseline_json", "home", "checkin_first"):
        scaling = report["scaling"][name]
        assert scaling["one_server"]["requests"] > 0 and scaling["two_servers"]["requests"] > 0, name
        assert scaling["one_server"]["errors"] == scaling["two_servers"]["errors"] == 0, name

    burst = report["registration_burst"]
    assert burst.get("available"), burst
    assert burst["confirmed"] == burst["capacity"] == 100
    assert burst["errors"] == 0
    assert burst["confirmed"] + burst["refused"] == burst["attempts"] == 300

    checkin = report["checkin"]
    assert checkin.get("available"), checkin
    for clients in (1, 8, 32):
        first = checkin[f"first_{clients}"]
        assert first["requests"] > 0 and first["errors"] == 0, first
        assert first["answers"] == {"ok": first["requests"]}, first
        assert set(checkin[f"repeat_{clients}"]["answers"]) == {"error:already_redeemed"}
        assert set(checkin[f"invalid_{clients}"]["answers"]) == {"error:invalid"}
    for clients in (1, 8):
        # Taken in turn: every kind measured, and compared with the first scans of the same run.
        interleaved = checkin[f"interleaved_{clients}"]
        assert interleaved["errors"] == 0, interleaved
        for kind in ("repeat", "repeatone", "invalid"):
            assert interleaved[kind]["p50_vs_first"] > 0, (kind, interleaved)
    assert {"checkin_repeat_p50_vs_first", "checkin_invalid_p50_vs_first"} <= set(report["targets"])
    assert checkin["queries"]["first"]["queries"] > 0
    offline = checkin["offline"]
    assert offline["bundle"]["tickets"] > 0 and offline["upload"]["ok"] > 0, offline
    assert {"offline_bundle_ms", "offline_bundle_gzip_mb", "offline_upload_ms"} <= set(report["targets"])

    # The same scans through nginx rendered from deploy/'s site template (CI installs nginx).
    proxy = report["proxy"]
    if not proxy.get("available"):
        assert proxy["reason"].startswith("nginx is not installed"), proxy
    else:
        first = proxy["first_8"]
        assert first["requests"] > 0 and first["answers"] == {"ok": first["requests"]}, first
        assert set(proxy["repeat_8"]["answers"]) == {"error:already_redeemed"}
        assert set(proxy["invalid_8"]["answers"]) == {"error:invalid"}
        assert proxy["offline_bundle"]["content_encoding"] == "gzip", proxy
        assert len([p for p in report["processes"]["started"] if p["what"].startswith("nginx master")]) == 1

    agenda = report["render"]["events_bench"]
    assert agenda["available"] and [row["sessions"] for row in agenda["agenda"]] == [40, 300], agenda
    catalogue = report["render"]["exhibitors_bench"]
    assert catalogue["available"], catalogue
    assert [(row["products"], row["status"]) for row in catalogue["catalogue"]] == [(200, 200), (5000, 200)]
    for database in ("postgresql", "sqlite"):
        search = report["search"][database]
        assert search["available"] and search["database"] == database and search["median_ms"] > 0, search

    # It stopped everything it started (gunicorn masters and workers of both servers, load clients)
    # and dropped its database.
    started = report["processes"]["started"]
    assert len([p for p in started if p["what"].startswith("gunicorn master")]) == 2
    assert report["processes"]["alive_after"] == []
    assert not any(pid_alive(p["pid"]) for p in started)
    with psycopg.connect(postgres_server_url() + "/postgres") as conn:
        names = [row[0] for row in conn.execute("SELECT datname FROM pg_database")]
    assert f"ddd_bench_t{os.getpid()}" not in names
    assert "peak RSS" in stdout and "baseline" in stdout
