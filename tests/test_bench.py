"""`make bench` itself, at a tiny scale, so it cannot rot: it runs, reports, and leaves nothing behind."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parent.parent


def pg_server_url():
    db = settings.DATABASES["default"]
    auth = db.get("USER") or "postgres"
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"


def pid_alive(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


@pytest.mark.postgres
def test_bench_runs_at_tiny_scale_and_stops_everything(tmp_path):
    output = tmp_path / "latest.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(BASE_DIR / "bench" / "run.py"),
            "--scale=1",
            "--quick",
            "--seconds=0.5",
            f"--db-name=ddd_bench_t{os.getpid()}",
            f"--pg-url={pg_server_url()}",
            "--redis-url=redis://127.0.0.1:6379/10",
            f"--output={output}",
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:] + proc.stdout[-2000:]
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
    for key in ("json_1", "json_8", "json_32", "page_8"):
        baseline = report["baselines"][key]
        assert baseline["requests"] > 0 and baseline["errors"] == 0, baseline
        assert baseline["p95_ms"] >= baseline["p50_ms"] > 0
    home = report["pages"]["home"]
    assert home["available"] and home["errors"] == 0 and home["statuses"] == {"200": home["requests"]}
    assert home["ratio"] > 0 and home["queries"]["warm"] >= 0
    # Every page is either measured or says why not.
    for name, page in report["pages"].items():
        if not name.startswith("_"):
            assert page.get("available") or page.get("reason"), name
    workers = report["memory"]["workers_mb"]
    assert len(workers) == 2 and all(0 < mb < 1000 for mb in workers.values())
    assert report["scaling"]["baseline_json"]["two_servers"]["requests"] > 0

    burst = report["registration_burst"]
    if burst.get("available"):
        assert burst["confirmed"] == burst["capacity"] == 100
        assert burst["errors"] == 0
        assert burst["confirmed"] + burst["refused"] == burst["attempts"] == 300
    else:
        assert burst["reason"]
    checkin = report["checkin"]
    if checkin.get("available"):
        first = checkin["first_8"]
        assert first["errors"] == 0 and first["answers"].get("ok", 0) == first["requests"]
        assert first["requests"] + checkin["first_1"]["requests"] > 0
        assert set(checkin["repeat_8"]["answers"]) <= {"error:already_redeemed"}
        assert set(checkin["invalid_8"]["answers"]) == {"error:invalid"}
        assert checkin["queries"]["first"]["queries"] > 0
    else:
        assert checkin["reason"]

    # It stopped everything it started (gunicorn masters and workers of both servers, load clients)
    # and dropped its database.
    started = report["processes"]["started"]
    assert len([p for p in started if p["what"].startswith("gunicorn master")]) == 2
    assert report["processes"]["alive_after"] == []
    assert not any(pid_alive(p["pid"]) for p in started)
    import psycopg

    with psycopg.connect(pg_server_url() + "/postgres") as conn:
        names = [row[0] for row in conn.execute("SELECT datname FROM pg_database")]
    assert f"ddd_bench_t{os.getpid()}" not in names
    assert "peak RSS" in proc.stdout and "baseline" in proc.stdout
