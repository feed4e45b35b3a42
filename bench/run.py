"""`make bench`: the production configuration under load, measured against baselines of the same run.

It creates its own PostgreSQL database, loads the demo data at `--scale`, collects static files, starts
gunicorn (2 workers, bench/settings.py: the production settings plus the baseline pages, Redis cache) on loopback, drives it from a separate process
(bench/loadclient.py), prints a table, writes bench/results/latest.json, and stops and removes
everything it started, also on Ctrl-C or an error. With Debian's nginx installed, the check-in figures are
also measured through nginx rendered from the production site template (deploy/nginx/).

Every throughput is also given as a ratio to a trivial endpoint measured in the same run
(`/bench/baseline.json` for the API, `/bench/baseline/` for pages), because absolute figures on a
shared 2-core machine drift from one minute to the next. A section whose feature is not in the tree
yet is reported as "not available".

    .venv/bin/python bench/run.py [--scale 100] [--quick] [--keep-db] [--output FILE]
"""

import argparse
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
VENV_BIN = BASE_DIR / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
HOST = "127.0.0.1"
# Production's settings plus the bench app: the baselines are routed there and nowhere else.
SETTINGS = "bench.settings"
REDEEM_PATH = "/api/v1/checkin/redeem/"
# The production site template under a private nginx (shared with the smoke test in tests/deploy).
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))
from deploy import loopback  # noqa: E402
from registration.codes import generate_secret  # noqa: E402 - made-up codes, in the tickets' format

TARGETS = {
    "checkin_first_8_rps": 175,
    "checkin_first_8_p95_ms": 50,
    "checkin_first_8_ratio": 0.30,
    "checkin_queries_max": 6,
    # Issue 14: a repeat scan costs no more than a first scan, a made-up code less (medians, taken in
    # turn in one run).
    "checkin_repeat_p50_vs_first_max": 1.0,
    "checkin_invalid_p50_vs_first_max": 1.0,
    "burst_p95_ms": 1000,
    "page_ratio_min": 0.50,
    # Issue 13: 3 x pretix's ticket shop page (67 req/s with 2 sync workers and 8 clients, same setup).
    "registration_page_rps": 3 * 67,
    "worker_rss_mb_max": 250,
    "search_median_ms_max": 100,
    # Issue 14: the offline bundle of 20,000 tickets served in under 1 s and under 1.5 MB compressed
    # (gzip at nginx's level 5), and 1,000 offline scans uploaded in under 2 s.
    "offline_bundle_ms_max": 1000,
    "offline_bundle_gzip_mb_max": 1.5,
    "offline_upload_ms_max": 2000,
}


class Interrupted(Exception):
    pass


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def pid_alive(pid):
    """True if the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("State:"):
                    return "Z" not in line.split(":", 1)[1]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return True


def children_of(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [int(x) for x in handle.read().split()]
    except FileNotFoundError:
        return []


def vm_hwm_mb(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except FileNotFoundError:
        return None
    return None


class Bench:
    def __init__(self, args):
        self.args = args
        self.seconds = args.seconds or (1.5 if args.quick else 5.0)
        self.tmp = Path(tempfile.mkdtemp(prefix="ddd-bench-"))
        self.db_name = args.db_name
        self.pg_admin_url = args.pg_url.rstrip("/") + "/postgres"
        self.servers = []  # dicts: port, proc, workers
        self.proxy = None  # nginx in front of the first server: port, proc, log
        self.started = []  # every pid we started, for the final check
        self.db_created = bool(args.reuse_db)
        self.report = {
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "config": {
                "scale": args.scale,
                "quick": args.quick,
                "seconds_per_measurement": self.seconds,
                "gunicorn_workers": args.workers,
                "worker_class": args.worker_class,
                "threads": args.threads,
                "database": f"postgresql/{self.db_name}",
            },
            "setup": {},
            "baselines": {},
            "checkin": {},
            "proxy": {},
            "registration_burst": {},
            "pages": {},
            "memory": {},
            "scaling": {},
            "render": {},
            "search": {},
            "targets": {},
            "processes": {},
        }
        self.env = self._env()

    # --- environment, database, data -----------------------------------------------------------

    def _env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "DATABASE_"))}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": SETTINGS,
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
                # testserver, localhost: the bench's render-time commands use Django's test client.
                "DJANGO_ALLOWED_HOSTS": f"{HOST},testserver,localhost",
                "DJANGO_SECURE_SSL_REDIRECT": "false",
                "DJANGO_DEBUG": "false",
                "SITE_URL": f"http://{HOST}",
                "DATABASE_URL": f"{self.args.pg_url.rstrip('/')}/{self.db_name}",
                "REDIS_URL": self.args.redis_url,
                "STATIC_ROOT": str(self.tmp / "static"),
                "MEDIA_ROOT": str(self.tmp / "media"),
                "EMAIL_URL": "consolemail://",
                "LOG_LEVEL": "WARNING",
                "PYTHONPATH": str(BASE_DIR),
            }
        )
        return env

    def manage(self, *argv, timeout=600, check=True, env=None):
        t0 = time.perf_counter()
        proc = subprocess.run(
            [PYTHON, str(BASE_DIR / "manage.py"), *argv],
            cwd=BASE_DIR,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and proc.returncode != 0:
            raise RuntimeError(
                f"manage.py {' '.join(argv)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
            )
        return proc, round(time.perf_counter() - t0, 1)

    def probe(self, *argv, timeout=600):
        proc = subprocess.run(
            [PYTHON, str(BENCH_DIR / "probe.py"), *map(str, argv)],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"probe {argv[0]} failed:\n{proc.stderr[-3000:]}")
        return json.loads(proc.stdout.strip().splitlines()[-1])

    def create_database(self):
        import psycopg

        with psycopg.connect(self.pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.db_name}"')
        self.db_created = True

    def drop_database(self):
        if not self.db_created or self.args.keep_db:
            return
        import psycopg

        try:
            with psycopg.connect(self.pg_admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        except psycopg.Error as error:
            log(f"could not drop {self.db_name}: {error}")

    def flush_redis(self):
        try:
            import redis

            redis.Redis.from_url(self.args.redis_url, socket_connect_timeout=1).flushdb()
            return True
        except Exception:  # noqa: BLE001 - Redis is optional: the site degrades to cache misses
            return False

    def prepare(self):
        setup = self.report["setup"]
        if self.args.reuse_db:
            # A database left by `--keep-db`: skip the setup, start from a clean scan history.
            import psycopg

            with psycopg.connect(f"{self.args.pg_url.rstrip('/')}/{self.db_name}", autocommit=True) as conn:
                conn.execute("DELETE FROM checkin_checkin")
            setup["reused_database"] = True
            setup["redis"] = self.flush_redis()
            _, setup["collectstatic_s"] = self.manage("collectstatic", "--noinput")
            return
        log(f"database {self.db_name}")
        self.create_database()
        setup["redis"] = self.flush_redis()
        _, setup["migrate_s"] = self.manage("migrate", "--noinput")
        log(f"migrated in {setup['migrate_s']} s; loading demo data at scale {self.args.scale}")
        _, setup["load_demo_s"] = self.manage("load_demo", "--scale", str(self.args.scale), timeout=1200)
        log(f"demo data in {setup['load_demo_s']} s")
        _, setup["collectstatic_s"] = self.manage("collectstatic", "--noinput")
        # After a bulk load the planner has no statistics until autovacuum comes by (and then it would
        # run during the measurements): analyse now, as a database in service would have been.
        import psycopg

        t0 = time.perf_counter()
        with psycopg.connect(f"{self.args.pg_url.rstrip('/')}/{self.db_name}", autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
        setup["vacuum_analyze_s"] = round(time.perf_counter() - t0, 1)

    # --- servers -------------------------------------------------------------------------------

    def start_server(self):
        port = free_port()
        logfile = open(self.tmp / f"gunicorn-{port}.log", "w")  # noqa: SIM115 - closed in stop_servers
        argv = [
            str(VENV_BIN / "gunicorn"),
            "config.wsgi",
            "-w",
            str(self.args.workers),
            "-k",
            self.args.worker_class,
            "--threads",
            str(self.args.threads),
            "-b",
            f"{HOST}:{port}",
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
            "--backlog",
            "2048",
        ]
        proc = subprocess.Popen(
            argv, cwd=BASE_DIR, env=self.env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True
        )
        server = {"port": port, "proc": proc, "log": logfile, "workers": []}
        self.servers.append(server)
        self.started.append({"pid": proc.pid, "what": f"gunicorn master :{port}"})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited: {(self.tmp / f'gunicorn-{port}.log').read_text()[-3000:]}"
                )
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}/healthz/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError(f"gunicorn on :{port} did not answer /healthz/ within 60 s")
        # Wait until every worker has booted, then remember them for the memory figures and the final check.
        while len(children_of(proc.pid)) < self.args.workers and time.monotonic() < deadline:
            time.sleep(0.1)
        server["workers"] = children_of(proc.pid)
        for pid in server["workers"]:
            self.started.append({"pid": pid, "what": f"gunicorn worker :{port}"})
        log(f"gunicorn :{port} master {proc.pid} workers {server['workers']}")
        return server

    def start_proxy(self, app_ports):
        """nginx rendered from deploy/nginx/ddd.conf.template in front of `app_ports`; its port."""
        port = free_port()
        directory = self.tmp / "nginx"
        directory.mkdir(exist_ok=True)
        nginx = loopback.nginx_binary()
        site = loopback.render_site(
            **loopback.site_values(port, app_ports, self.tmp / "static", self.tmp / "media")
        )
        conf = loopback.main_conf(nginx, directory, site)
        logfile = open(directory / "stdout.log", "w")  # noqa: SIM115 - closed in stop_servers
        proc = subprocess.Popen(
            loopback.command(nginx, conf),
            cwd=BASE_DIR,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.proxy = {"port": port, "proc": proc, "log": logfile}
        self.started.append({"pid": proc.pid, "what": f"nginx master :{port}"})
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {(directory / 'error.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}/healthz/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        for pid in children_of(proc.pid):
            self.started.append({"pid": pid, "what": f"nginx worker :{port}"})
        log(f"nginx :{port} master {proc.pid} in front of {app_ports}")
        return port

    def stop_servers(self):
        if self.proxy is not None:
            proc = self.proxy["proc"]
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(5)
            self.proxy["log"].close()
            self.proxy = None
        for server in self.servers:
            proc = server["proc"]
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(5)
            # Workers die with their master; make sure of it.
            for pid in server["workers"]:
                if pid_alive(pid):
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            server["log"].close()

    def worker_memory(self, server):
        server["workers"] = children_of(server["proc"].pid) or server["workers"]
        for pid in server["workers"]:
            if not any(p["pid"] == pid for p in self.started):
                self.started.append({"pid": pid, "what": f"gunicorn worker :{server['port']} (respawned)"})
        return {str(pid): vm_hwm_mb(pid) for pid in server["workers"]}

    # --- load ----------------------------------------------------------------------------------

    def load(self, requests, clients, ports, mode="cycle", classify=None, seconds=None, max_requests=None):
        pages = all(r.get("method", "GET") == "GET" for r in requests)
        spec = {
            "ok_statuses": [200] if pages else None,
            "host": HOST,
            "ports": ports,
            "requests": requests,
            "mode": mode,
            "concurrency": clients,
            "max_seconds": seconds or self.seconds,
            "classify": classify,
        }
        if max_requests:
            spec["max_requests"] = max_requests
        spec_path = self.tmp / "spec.json"
        spec_path.write_text(json.dumps(spec))
        proc = subprocess.Popen(
            [sys.executable, str(BENCH_DIR / "loadclient.py"), str(spec_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.started.append({"pid": proc.pid, "what": "load client"})
        try:
            out, err = proc.communicate(timeout=spec["max_seconds"] + 90)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        if proc.returncode != 0:
            raise RuntimeError(f"load client failed: {err[-2000:]}")
        return json.loads(out)

    def get(self, path):
        return [{"method": "GET", "path": path}]

    # --- sections ------------------------------------------------------------------------------

    def measure_baselines(self, port):
        log("baselines")
        base = self.report["baselines"]
        for clients in (1, 8, 32):
            base[f"json_{clients}"] = self.load(self.get("/bench/baseline.json"), clients, [port])
        base["page_8"] = self.load(self.get("/bench/baseline/"), 8, [port])

    def measure_pages(self, port):
        log("pages")
        found = self.probe("pages")
        pages = self.report["pages"]
        paths = found["pages"]
        pages["_data"] = {k[1:]: v for k, v in paths.items() if k.startswith("_")}
        baseline = self.report["baselines"]["page_8"]["rps"]
        for name in (
            "home",
            "agenda",
            "catalogue",
            "catalogue_filtered",
            "product",
            "exhibitors",
            "schedule_json",
            "registration",
        ):
            path = paths.get(name)
            if not path:
                pages[name] = {"available": False, "reason": "page not built yet (no URL answers 200)"}
                continue
            result = self.load(self.get(path), 8, [port])
            result.update(
                {
                    "available": True,
                    "path": path,
                    "ratio": round(result["rps"] / baseline, 3) if baseline else None,
                    "queries": found["queries"].get(name),
                }
            )
            pages[name] = result

    def checkin_setup(self, needed):
        # One device per lane (the redeem endpoint is rate-limited per device, as at the gates): the first
        # made by the documented command, the others in-process.
        info = self.probe("checkin", needed, self.args.devices - 1)
        if not info.get("available"):
            return info
        proc, _ = self.manage("create_checkin_device", f"bench-{secrets.token_hex(3)}", check=False)
        lines = [line.strip() for line in proc.stdout.splitlines() if line.strip()]
        if proc.returncode != 0 or not lines:
            return {"available": False, "reason": f"create_checkin_device failed: {proc.stderr[-300:]}"}
        info["tokens"] = [lines[-1].split()[-1], *info["tokens"]]
        return info

    def redeem_requests(self, tokens, list_id, codes):
        return [
            {
                "method": "POST",
                "path": REDEEM_PATH,
                "headers": {
                    "Authorization": f"Token {tokens[n % len(tokens)]}",
                    "Content-Type": "application/json",
                },
                "body": {"secret": code, "list": list_id},
            }
            for n, code in enumerate(codes)
        ]

    def measure_checkin(self, port):
        log("check-in")
        section = self.report["checkin"]
        clients_list = (1, 8, 32)
        expected_rps = 400
        per_run = int(expected_rps * self.seconds * 1.5)
        # One share of tickets per concurrency level, one for the interleaved runs, one for the run
        # through nginx, two for the scaling.
        shares = len(clients_list) + 4
        info = self.checkin_setup(per_run * shares + 10)
        if not info.get("available"):
            section.update(info)
            return None
        token, list_id, codes = info["tokens"], info["list"], info["secrets"]
        section.update(
            {"available": True, "list": list_id, "tickets_available": len(codes), "devices": len(token)}
        )
        spare = codes[:2]
        codes = codes[2:]
        # A small demo (--scale 1) has fewer tickets than a full run would scan: share them out so that
        # every concurrency level and the two-server run still get first scans to measure.
        per_run = min(per_run, len(codes) // shares)
        used = []
        baseline = self.get("/bench/baseline.json")
        for clients in clients_list:
            chunk = codes[:per_run]
            # The JSON baseline right before and right after the first scans, at the same concurrency:
            # on a shared machine throughput drifts by 10-20 % within a minute, and a baseline measured
            # at the start of the run would carry that drift into the ratio.
            before = self.load(baseline, clients, [port])
            first = self.load(
                self.redeem_requests(token, list_id, chunk), clients, [port], "once", "json_status_reason"
            )
            after = self.load(baseline, clients, [port])
            base_rps = (before["rps"] + after["rps"]) / 2
            section[f"baseline_{clients}"] = {
                "clients": clients,
                "rps": round(base_rps, 1),
                "before_rps": before["rps"],
                "after_rps": after["rps"],
            }
            # Codes sent are used up (answered or not); the next run starts after them.
            sent = first["requests"] + sum(first["transport_errors"].values())
            used.extend(chunk[: first["requests"]])
            codes = codes[sent:]
            repeat = self.load(
                self.redeem_requests(token, list_id, used[:2000] or chunk),
                clients,
                [port],
                "cycle",
                "json_status_reason",
            )
            # One ticket scanned again and again (a code shared on social media): its refused scans pile
            # up, and a repeat must still cost no more than a first scan. It is shown at every lane, so
            # no single device reaches its rate limit and the next run's answers stay its own.
            repeat_one = self.load(
                self.redeem_requests(token, list_id, (used or chunk)[:1] * len(token)),
                clients,
                [port],
                "cycle",
                "json_status_reason",
            )
            invalid_codes = [generate_secret() for _ in range(500)]
            invalid = self.load(
                self.redeem_requests(token, list_id, invalid_codes),
                clients,
                [port],
                "cycle",
                "json_status_reason",
            )
            for kind, result in (
                ("first", first),
                ("repeat", repeat),
                ("repeatone", repeat_one),
                ("invalid", invalid),
            ):
                result["ratio"] = round(result["rps"] / base_rps, 3) if base_rps else None
                section[f"{kind}_{clients}"] = result
        codes = self.measure_interleaved(section, token, list_id, codes, used, per_run, port)
        if spare and used:
            section["queries"] = self.probe(
                "redeem-queries", token[0], list_id, spare[0], used[0], REDEEM_PATH
            )
        # Half of what is left at most: the scaling section's first scans need unused codes too.
        upload = codes[: min(1000, len(codes) // 2)]
        section["offline"] = self.measure_offline(port, token[0], list_id, upload)
        codes = codes[len(upload) :]
        return {"tokens": token, "list": list_id, "codes": codes, "per_run": per_run}

    def measure_interleaved(self, section, tokens, list_id, codes, used, per_run, port):
        """First scans, repeat scans, one ticket scanned again and again and made-up codes, taken in turn
        in one run at 1 and 8 clients: the machine's drift within a minute (10-20 %) falls on all four
        alike, so their medians (the server's own time per scan) compare. Issue 14: a repeat costs no
        more than a first scan, whatever the ticket's history, and a made-up code less. Returns the
        codes left unused."""
        if not used:
            return codes
        for clients in (1, 8):
            fresh = codes[: per_run // 8]
            codes = codes[len(fresh) :]
            scans = [
                (code, kind)
                for n, first in enumerate(fresh)
                for code, kind in (
                    (first, "first"),
                    (used[n % len(used)], "repeat"),
                    (used[0], "repeatone"),
                    (generate_secret(), "invalid"),
                )
            ]
            requests = self.redeem_requests(tokens, list_id, [code for code, _kind in scans])
            for request, (_code, kind) in zip(requests, scans, strict=True):
                request["tag"] = kind
            result = self.load(requests, clients, [port], "once", "json_status_reason")
            by_tag = result.pop("by_tag")
            # What each kind cost the server (its Server-Timing): at 8 clients the four kinds share one
            # queue, and a scan's latency at the client is mostly the scans ahead of it, of every kind.
            # The client's own medians are compared too, beside.
            for measure, ratio in (("server_p50_ms", "p50_vs_first"), ("p50_ms", "client_p50_vs_first")):
                first = by_tag.get("first", {}).get(measure)
                for kind in ("repeat", "repeatone", "invalid"):
                    p50 = by_tag.get(kind, {}).get(measure)
                    if first and p50:
                        by_tag[kind][ratio] = round(p50 / first, 3)
            section[f"interleaved_{clients}"] = {**result, **by_tag}
        return codes

    def measure_offline(self, port, token, list_id, codes):
        """The offline bundle of the list (every ticket of the event: time and compressed size, full and
        incremental) and an upload of 1,000 offline scans in batches of 500 (issue 14)."""
        base = f"http://{HOST}:{port}/api/v1/checkin"
        headers = {"Authorization": f"Token {token}"}

        def call(path, body=None):
            data = json.dumps(body).encode() if body is not None else None
            request = urllib.request.Request(
                base + path,
                data=data,
                headers={**headers, "Accept-Encoding": "gzip", "Content-Type": "application/json"},
            )
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - our own server
                payload = response.read()
                encoding = response.headers.get("Content-Encoding", "")
            return time.perf_counter() - started, payload, encoding

        import gzip

        result = {}
        call(f"/lists/{list_id}/offline/")  # warm-up
        seconds, payload, encoding = call(f"/lists/{list_id}/offline/")
        bundle = json.loads(gzip.decompress(payload) if encoding == "gzip" else payload)
        plain = gzip.decompress(payload) if encoding == "gzip" else payload
        result["bundle"] = {
            "tickets": len(bundle["tickets"]),
            "ms": round(seconds * 1000, 1),
            "bytes": len(plain),
            # What the proxy sends (gzip at level 5).
            "gzip_bytes": len(gzip.compress(plain, 5)),
        }
        seconds, payload, _encoding = call(
            f"/lists/{list_id}/offline/?since={urllib.parse.quote(bundle['cursor'])}"
        )
        result["bundle_since"] = {"ms": round(seconds * 1000, 1), "bytes": len(payload)}
        if codes:
            now = time.time()
            scans = [
                {
                    "secret": code,
                    "list": list_id,
                    "nonce": f"bench-offline-{n}-{secrets.token_hex(4)}",
                    "scanned_at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(now - 600 + n / 10)),
                }
                for n, code in enumerate(codes)
            ]
            total, answers = 0.0, []
            for start in range(0, len(scans), 500):
                seconds, payload, encoding = call("/upload/", {"scans": scans[start : start + 500]})
                total += seconds
                body = json.loads(gzip.decompress(payload) if encoding == "gzip" else payload)
                answers.extend(item["result"] for item in body["results"])
            result["upload"] = {
                "scans": len(scans),
                "ms": round(total * 1000, 1),
                "ok": answers.count("ok"),
                "refused": len(answers) - answers.count("ok"),
            }
        log(f"offline: {result}")
        return result

    def measure_proxy(self, port, checkin):
        """The check-in at 8 clients through nginx (the production site template) in front of the same
        server, beside the direct figures, and the offline bundle as nginx sends it (gzipped)."""
        section = self.report["proxy"]
        if loopback.nginx_binary() is None:
            section.update(available=False, reason="nginx is not installed (apt-get install nginx)")
            return
        if not checkin:
            section.update(available=False, reason="check-in not measured in this run")
            return
        log("check-in through nginx")
        proxy_port = self.start_proxy([port])
        section.update(available=True, upstream=[port], template="deploy/nginx/ddd.conf.template")
        tokens, list_id = checkin["tokens"], checkin["list"]
        codes = checkin["codes"]
        chunk = codes[: min(checkin["per_run"], len(codes) // 3)]
        baseline = self.load(self.get("/bench/baseline.json"), 8, [proxy_port])
        first = self.load(
            self.redeem_requests(tokens, list_id, chunk), 8, [proxy_port], "once", "json_status_reason"
        )
        checkin["codes"] = codes[first["requests"] + sum(first["transport_errors"].values()) :]
        used = chunk[: first["requests"]] or chunk
        repeat = self.load(
            self.redeem_requests(tokens, list_id, used[:2000]), 8, [proxy_port], "cycle", "json_status_reason"
        )
        invalid_codes = [generate_secret() for _ in range(500)]
        invalid = self.load(
            self.redeem_requests(tokens, list_id, invalid_codes),
            8,
            [proxy_port],
            "cycle",
            "json_status_reason",
        )
        direct = self.report["checkin"]
        section["baseline_8"] = {**baseline, "direct_rps": direct["baseline_8"]["rps"]}
        for kind, result in (("first", first), ("repeat", repeat), ("invalid", invalid)):
            result["ratio"] = round(result["rps"] / baseline["rps"], 3) if baseline["rps"] else None
            # The same scans straight to gunicorn, measured just before.
            result["direct_rps"] = direct[f"{kind}_8"]["rps"]
            result["direct_p95_ms"] = direct[f"{kind}_8"]["p95_ms"]
            section[f"{kind}_8"] = result
        # The offline bundle as a scanner receives it: gzipped by nginx.
        request = urllib.request.Request(
            f"http://{HOST}:{proxy_port}/api/v1/checkin/lists/{list_id}/offline/",
            headers={"Authorization": f"Token {tokens[0]}", "Accept-Encoding": "gzip"},
        )
        timings = []
        for _ in range(2):  # the first warms nginx's and the server's caches
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=120) as response:
                payload = response.read()
                encoding = response.headers.get("Content-Encoding", "")
            timings.append(time.perf_counter() - started)
        section["offline_bundle"] = {
            "ms": round(timings[-1] * 1000, 1),
            "bytes_sent": len(payload),
            "content_encoding": encoding,
        }
        log(
            f"through nginx: first {first['rps']} req/s (direct {first['direct_rps']}); bundle {section['offline_bundle']}"
        )

    def measure_burst(self):
        log("registration burst")
        result = self.probe(
            "burst",
            self.args.burst_attempts,
            self.args.burst_capacity,
            self.args.burst_workers,
            self.args.burst_processes,
        )
        self.report["registration_burst"] = result

    def measure_scaling(self, first, checkin):
        log("scaling: one vs two gunicorn servers")
        second = self.start_server()
        ports1, ports2 = [first["port"]], [first["port"], second["port"]]
        scaling = self.report["scaling"]
        scaling["servers"] = [first["port"], second["port"]]
        for name, requests in (
            ("baseline_json", self.get("/bench/baseline.json")),
            ("home", self.get("/vi/")),
        ):
            one = self.load(requests, 8, ports1)
            two = self.load(requests, 8, ports2)
            scaling[name] = {"one_server": one, "two_servers": two, "gain": round(two["rps"] / one["rps"], 3)}
        if checkin and len(checkin["codes"]) > 20:
            codes = checkin["codes"]
            half = len(codes) // 2
            one = self.load(
                self.redeem_requests(checkin["tokens"], checkin["list"], codes[:half]),
                8,
                ports1,
                "once",
                "json_status_reason",
            )
            two = self.load(
                self.redeem_requests(checkin["tokens"], checkin["list"], codes[half:]),
                8,
                ports2,
                "once",
                "json_status_reason",
            )
            scaling["checkin_first"] = {
                "one_server": one,
                "two_servers": two,
                "gain": round(two["rps"] / one["rps"], 3),
            }
        else:
            scaling["checkin_first"] = {
                "available": False,
                "reason": "check-in not available or no tickets left",
            }
        self.report["memory"]["second_server_workers_mb"] = self.worker_memory(second)

    def measure_render(self):
        """The bench app's render-time commands (agenda at 40/300 sessions, catalogue at 200/5,000)."""
        for command in ("events_bench", "exhibitors_bench"):
            # Render times of the views themselves: the anonymous page cache would answer the repeats.
            proc, seconds = self.manage(command, check=False, timeout=300, env={"PAGE_CACHE_SECONDS": "0"})
            try:
                data = json.loads(proc.stdout.strip().splitlines()[-1])
                data["available"] = True
                data["seconds"] = seconds
            except (ValueError, IndexError):
                data = {
                    "available": False,
                    "reason": f"{command} exited {proc.returncode}: {proc.stderr[-300:]}",
                }
            self.report["render"][command] = data

    def measure_search(self):
        """The site search uncached (bench/management/commands/search_bench.py), on this run's PostgreSQL
        database and on an SQLite file loaded with the same `load_demo --scale`."""
        # The embedded configuration: SQLite, the in-process cache (nothing shared with the PostgreSQL run).
        sqlite = {"DATABASE_URL": f"sqlite:///{self.tmp / 'search.sqlite3'}", "REDIS_URL": ""}
        if not self.args.no_search_sqlite:
            self.manage("migrate", "--noinput", env=sqlite)
            _, seconds = self.manage("load_demo", "--scale", str(self.args.scale), timeout=1800, env=sqlite)
            log(f"SQLite copy for the search loaded in {seconds} s")
        databases = {"postgresql": {}, **({} if self.args.no_search_sqlite else {"sqlite": sqlite})}
        for name, env in databases.items():
            proc, _ = self.manage(
                "search_bench", check=False, timeout=600, env={"PAGE_CACHE_SECONDS": "0", **env}
            )
            try:
                self.report["search"][name] = {
                    "available": True,
                    **json.loads(proc.stdout.strip().splitlines()[-1]),
                }
            except (ValueError, IndexError):
                self.report["search"][name] = {
                    "available": False,
                    "reason": f"search_bench exited {proc.returncode}: {proc.stderr[-300:]}",
                }

    def evaluate_targets(self):
        t = self.report["targets"]
        first8 = self.report["checkin"].get("first_8")
        if first8:
            t["checkin_first_8_rps"] = {
                "value": first8["rps"],
                "target": f">= {TARGETS['checkin_first_8_rps']}",
            }
            t["checkin_first_8_rps"]["met"] = first8["rps"] >= TARGETS["checkin_first_8_rps"]
            t["checkin_first_8_p95_ms"] = {
                "value": first8["p95_ms"],
                "target": f"<= {TARGETS['checkin_first_8_p95_ms']}",
                "met": first8["p95_ms"] is not None and first8["p95_ms"] <= TARGETS["checkin_first_8_p95_ms"],
            }
            t["checkin_first_8_ratio"] = {
                "value": first8["ratio"],
                "target": f">= {TARGETS['checkin_first_8_ratio']}",
                "met": (first8["ratio"] or 0) >= TARGETS["checkin_first_8_ratio"],
            }
        for name, kinds, what in (
            ("repeat", ("repeat", "repeatone"), "repeat and one ticket again"),
            ("invalid", ("invalid",), "made-up codes"),
        ):
            ratios = [
                interleaved[kind]["p50_vs_first"]
                for interleaved in (self.report["checkin"].get(f"interleaved_{n}") for n in (1, 8))
                if interleaved
                for kind in kinds
                if "p50_vs_first" in interleaved.get(kind, {})
            ]
            if ratios:
                limit = TARGETS[f"checkin_{name}_p50_vs_first_max"]
                t[f"checkin_{name}_p50_vs_first"] = {
                    "value": max(ratios),
                    "target": f"<= {limit} ({what}, 1 and 8 clients)",
                    "met": max(ratios) <= limit,
                }
        queries = self.report["checkin"].get("queries", {}).get("first")
        if queries:
            t["checkin_queries"] = {
                "value": queries["queries"],
                "target": f"<= {TARGETS['checkin_queries_max']}",
                "met": queries["queries"] <= TARGETS["checkin_queries_max"],
            }
        offline = self.report["checkin"].get("offline") or {}
        proxy = self.report["proxy"]
        if offline.get("bundle"):
            bundle = offline["bundle"]
            t["offline_bundle_ms"] = {
                "value": bundle["ms"],
                "target": f"<= {TARGETS['offline_bundle_ms_max']} for {bundle['tickets']} tickets",
                "met": bundle["ms"] <= TARGETS["offline_bundle_ms_max"],
            }
            # What nginx sent when it ran; otherwise the same JSON gzipped here at nginx's level.
            sent = (proxy.get("offline_bundle") or {}).get("bytes_sent") or bundle["gzip_bytes"]
            t["offline_bundle_gzip_mb"] = {
                "value": round(sent / 1e6, 3),
                "target": f"<= {TARGETS['offline_bundle_gzip_mb_max']} for {bundle['tickets']} tickets",
                "met": sent / 1e6 <= TARGETS["offline_bundle_gzip_mb_max"],
            }
        if proxy.get("offline_bundle"):
            t["offline_bundle_through_nginx_ms"] = {
                "value": proxy["offline_bundle"]["ms"],
                "target": f"<= {TARGETS['offline_bundle_ms_max']}",
                "met": proxy["offline_bundle"]["ms"] <= TARGETS["offline_bundle_ms_max"],
            }
        if offline.get("upload"):
            upload = offline["upload"]
            t["offline_upload_ms"] = {
                "value": upload["ms"],
                "target": f"<= {TARGETS['offline_upload_ms_max']} for {upload['scans']} scans",
                "met": upload["ms"] <= TARGETS["offline_upload_ms_max"],
            }
        burst = self.report["registration_burst"]
        if burst.get("available"):
            t["burst_exact"] = {
                "value": burst["confirmed"],
                "target": f"== {burst['capacity']}, 0 errors",
                "met": burst["confirmed"] == burst["capacity"] and burst["errors"] == 0,
            }
            t["burst_p95_ms"] = {
                "value": burst["p95_ms"],
                "target": f"<= {TARGETS['burst_p95_ms']}",
                "met": burst["p95_ms"] <= TARGETS["burst_p95_ms"],
            }
        for name, page in self.report["pages"].items():
            if isinstance(page, dict) and page.get("available"):
                t[f"page_{name}_ratio"] = {
                    "value": page["ratio"],
                    "target": f">= {TARGETS['page_ratio_min']}",
                    "met": (page["ratio"] or 0) >= TARGETS["page_ratio_min"],
                }
        registration = self.report["pages"].get("registration")
        if isinstance(registration, dict) and registration.get("available"):
            t["page_registration_rps"] = {
                "value": registration["rps"],
                "target": f">= {TARGETS['registration_page_rps']} (3 x pretix's 67)",
                "met": registration["rps"] >= TARGETS["registration_page_rps"],
            }
        for name, search in self.report["search"].items():
            if search.get("available"):
                t[f"search_{name}_median_ms"] = {
                    "value": search["median_ms"],
                    "target": f"<= {TARGETS['search_median_ms_max']}",
                    "met": search["median_ms"] <= TARGETS["search_median_ms_max"],
                }
        rss = [v for v in self.report["memory"].get("workers_mb", {}).values() if v]
        if rss:
            t["worker_rss_mb"] = {
                "value": max(rss),
                "target": f"<= {TARGETS['worker_rss_mb_max']}",
                "met": max(rss) <= TARGETS["worker_rss_mb_max"],
            }

    # --- the run -------------------------------------------------------------------------------

    def run(self):
        t0 = time.perf_counter()
        self.prepare()
        server = self.start_server()
        port = server["port"]
        # One short warm-up so the first figure does not pay for imports and template compilation.
        self.load(self.get("/bench/baseline/") + self.get("/vi/"), 2, [port], seconds=1)
        self.measure_baselines(port)
        wanted = set(self.args.only.split(",")) if self.args.only else None
        checkin = None
        if wanted is None or "checkin" in wanted:
            checkin = self.measure_checkin(port)
        if wanted is None or "proxy" in wanted:
            self.measure_proxy(port, checkin)
        if wanted is None or "burst" in wanted:
            self.measure_burst()
        if wanted is None or "pages" in wanted:
            self.measure_pages(port)
        self.report["memory"]["workers_mb"] = self.worker_memory(server)
        if not self.args.no_scaling and (wanted is None or "scaling" in wanted):
            self.measure_scaling(server, checkin)
        if wanted is None or "render" in wanted:
            self.measure_render()
        if wanted is None or "search" in wanted:
            self.measure_search()
        self.evaluate_targets()
        self.report["total_s"] = round(time.perf_counter() - t0, 1)

    def cleanup(self):
        self.stop_servers()
        self.drop_database()
        self.flush_redis()
        time.sleep(0.2)
        self.report["processes"] = {
            "started": self.started,
            "alive_after": [p for p in self.started if pid_alive(p["pid"])],
        }
        shutil.rmtree(self.tmp, ignore_errors=True)


# --- the table -------------------------------------------------------------------------------------


def fmt(value, suffix=""):
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.1f}{suffix}" if value >= 10 else f"{value:.2f}{suffix}"
    return f"{value}{suffix}"


def table(report):
    rows = [
        ("section", "scenario", "clients", "req/s", "ratio", "p50 ms", "p95 ms", "p99 ms", "errors", "SQL")
    ]

    def add(section, scenario, r, ratio=None, queries=None):
        rows.append(
            (
                section,
                scenario,
                fmt(r.get("clients")),
                fmt(r.get("rps")),
                fmt(ratio if ratio is not None else r.get("ratio")),
                fmt(r.get("p50_ms")),
                fmt(r.get("p95_ms")),
                fmt(r.get("p99_ms")),
                fmt(r.get("errors")),
                fmt(queries),
            )
        )

    def missing(section, scenario, reason):
        rows.append((section, scenario, "", "not available", "", "", "", "", "", reason[:60]))

    for key, r in report["baselines"].items():
        add("baseline", key, r, 1.0)
    checkin = report["checkin"]
    if checkin.get("available"):
        queries = checkin.get("queries", {})
        order = {"baseline": 0, "first": 1, "repeat": 2, "repeatone": 3, "invalid": 4}
        keys = [k for k in checkin if k.split("_")[0] in order and k.split("_")[-1].isdigit()]
        for key in sorted(keys, key=lambda k: (order[k.split("_")[0]], int(k.split("_")[-1]))):
            kind = key.split("_")[0]
            if kind == "baseline":  # measured around the first scans: the ratios below divide by it
                add("check-in", "JSON baseline", checkin[key], 1.0)
                continue
            add("check-in", kind + " scans", checkin[key], queries=queries.get(kind, {}).get("queries"))
        for clients in (1, 8):
            interleaved = checkin.get(f"interleaved_{clients}")
            if not interleaved:
                continue
            for kind in ("first", "repeat", "repeatone", "invalid"):
                r = interleaved.get(kind) or {}
                versus = f"server p50 {r['server_p50_ms']} ms" if "server_p50_ms" in r else ""
                if "p50_vs_first" in r:
                    versus += f", x{r['p50_vs_first']} of first (client x{r.get('client_p50_vs_first')})"
                rows.append(
                    (
                        "check-in",
                        f"{kind} scans, taken in turn",
                        fmt(clients),
                        "",
                        "",
                        fmt(r.get("p50_ms")),
                        fmt(r.get("p95_ms")),
                        "",
                        fmt(interleaved.get("errors")),
                        versus,
                    )
                )
        offline = checkin.get("offline") or {}
        if offline.get("bundle"):
            b = offline["bundle"]
            rows.append(
                (
                    "check-in",
                    f"offline bundle, {b['tickets']} tickets",
                    "1",
                    "",
                    "",
                    fmt(b["ms"]),
                    "",
                    "",
                    "",
                    f"{b['bytes'] / 1e6:.2f} MB, gzip {b['gzip_bytes'] / 1e6:.2f} MB",
                )
            )
            rows.append(
                (
                    "check-in",
                    "offline bundle, since cursor",
                    "1",
                    "",
                    "",
                    fmt(offline["bundle_since"]["ms"]),
                    "",
                    "",
                    "",
                    "",
                )
            )
        if offline.get("upload"):
            u = offline["upload"]
            rows.append(
                (
                    "check-in",
                    f"upload {u['scans']} offline scans (500/batch)",
                    "1",
                    "",
                    "",
                    fmt(u["ms"]),
                    "",
                    "",
                    "",
                    f"{u['ok']} ok",
                )
            )
    else:
        missing("check-in", "redeem", checkin.get("reason", ""))
    proxy = report.get("proxy") or {}
    if proxy.get("available"):
        add("through nginx", "JSON baseline", proxy["baseline_8"], 1.0)
        for kind in ("first", "repeat", "invalid"):
            r = proxy[f"{kind}_8"]
            direct = f"direct: {fmt(r['direct_rps'])}/s, p95 {fmt(r['direct_p95_ms'])} ms"
            add("through nginx", f"{kind} scans ({direct})", r)
        b = proxy["offline_bundle"]
        rows.append(
            (
                "through nginx",
                "offline bundle",
                "1",
                "",
                "",
                fmt(b["ms"]),
                "",
                "",
                "",
                f"{b['bytes_sent'] / 1e6:.2f} MB sent, {b['content_encoding'] or 'plain'}",
            )
        )
    elif proxy:
        missing("through nginx", "check-in", proxy.get("reason", ""))
    burst = report["registration_burst"]
    if burst.get("available"):
        rows.append(
            (
                "registration",
                f"burst {burst['attempts']} for {burst['capacity']}",
                fmt(burst.get("workers")),
                f"{burst['confirmed']} ok",
                f"{burst['refused']} refused",
                fmt(burst.get("p50_ms")),
                fmt(burst.get("p95_ms")),
                fmt(burst.get("p99_ms")),
                fmt(burst.get("errors")),
                "",
            )
        )
    else:
        missing("registration", "burst", burst.get("reason", ""))
    for name, page in report["pages"].items():
        if name.startswith("_"):
            continue
        if page.get("available"):
            q = page.get("queries") or {}
            add("page", name, page, queries=f"{q.get('warm')}/{q.get('cold')}" if q else None)
        else:
            missing("page", name, page.get("reason", ""))
    for name, result in report["scaling"].items():
        if not isinstance(result, dict):
            continue
        if "one_server" in result:
            add("scaling", f"{name} 1 server", result["one_server"])
            add("scaling", f"{name} 2 servers", result["two_servers"], result["gain"])
        else:
            missing("scaling", name, result.get("reason", ""))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths).rstrip())
    memory = report["memory"].get("workers_mb", {})
    if memory:
        lines.append(
            f"\npeak RSS per gunicorn worker (VmHWM): {', '.join(f'{v} MB' for v in memory.values())}"
        )
    for name, data in report.get("search", {}).items():
        lines.append(f"search ({name}, uncached): {json.dumps(data, ensure_ascii=False)}")
    for name, data in report["render"].items():
        lines.append(
            f"{name}: {json.dumps({k: v for k, v in data.items() if k != 'available'}, ensure_ascii=False)}"
        )
    if report["targets"]:
        lines.append("\ntargets:")
        for name, t in report["targets"].items():
            lines.append(f"  {'PASS' if t['met'] else 'MISS'}  {name}: {t['value']} (target {t['target']})")
    return "\n".join(lines)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100, help="load_demo --scale (100 ≈ 20,000 tickets)")
    parser.add_argument("--quick", action="store_true", help="short measurements (1.5 s each)")
    parser.add_argument("--seconds", type=float, default=None, help="seconds per measurement")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class (sync, gthread)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread)")
    parser.add_argument("--db-name", default="ddd_bench")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"),
        help="server URL without a database name",
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"))
    parser.add_argument("--burst-attempts", type=int, default=300)
    parser.add_argument("--burst-capacity", type=int, default=100)
    parser.add_argument("--burst-workers", type=int, default=50, help="parallel connections for the burst")
    parser.add_argument(
        "--burst-processes", type=int, default=2, help="processes sharing the burst (as the app's workers)"
    )
    parser.add_argument(
        "--devices", type=int, default=64, help="check-in devices sharing the scans (each is rate-limited)"
    )
    parser.add_argument("--no-scaling", action="store_true")
    parser.add_argument(
        "--no-search-sqlite", action="store_true", help="time the search on PostgreSQL only (no SQLite copy)"
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated sections: checkin, proxy, burst, pages, scaling, render, search (default: all)",
    )
    parser.add_argument("--keep-db", action="store_true", help="leave the database for inspection")
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="measure a database left by an earlier --keep-db run (no migrate or load_demo; implies --keep-db)",
    )
    parser.add_argument("--output", default=str(BENCH_DIR / "results" / "latest.json"))
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.reuse_db:
        args.keep_db = True

    def on_term(signum, frame):
        raise Interrupted(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_term)
    bench = Bench(args)
    status = 0
    try:
        bench.run()
    except (KeyboardInterrupt, Interrupted) as error:
        log(f"interrupted ({error!r}); stopping everything")
        bench.report["error"] = f"interrupted: {error!r}"
        status = 130
    except Exception as error:  # noqa: BLE001 - report, clean up, exit non-zero
        log(f"failed: {error}")
        bench.report["error"] = str(error)[-4000:]
        status = 1
    finally:
        bench.cleanup()
    bench.report["finished_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(bench.report, indent=1, ensure_ascii=False) + "\n")
    print(table(bench.report))
    print(f"\nwritten to {output}")
    if bench.report["processes"]["alive_after"]:
        log(f"processes still alive: {bench.report['processes']['alive_after']}")
        status = status or 2
    return status


if __name__ == "__main__":
    sys.exit(main())
