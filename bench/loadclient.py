"""The load generator behind `make bench`: a separate process, so it never shares a GIL with the server.

Usage: `python bench/loadclient.py SPEC.json` prints one JSON object with the results.

The spec says which requests to send (`requests`, each with an optional `tag` to report its latencies
apart from the others'), how (`mode`: "cycle" repeats the list, "once" sends
each request at most once, e.g. one first scan per ticket), to which ports (round-robin per request, to
show that nothing is process-local when two servers share the load), with how many concurrent clients,
and for how long at most (`max_seconds`, `max_requests`). Each client keeps its connections open
between requests when the server allows it (gunicorn's sync worker closes after each response, so the
client reconnects: that cost is part of every figure, the baseline's included).
"""

import asyncio
import json
import sys
import time
from collections import Counter

# Only the standard library: this file must run with any Python 3.11 and never import Django.


class Connection:
    """One HTTP/1.1 connection to one port, reopened when the server closes it."""

    def __init__(self, host, port, timeout):
        self.host, self.port, self.timeout = host, port, timeout
        self.reader = self.writer = None

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except (OSError, ConnectionError):
                pass
        self.reader = self.writer = None

    async def request(self, raw):
        """Send `raw` (bytes); return (status, body bytes, the server's own time in ms or None).
        Retries once on a stale kept-alive socket."""
        for attempt in (0, 1):
            fresh = self.writer is None
            if fresh:
                self.reader, self.writer = await asyncio.wait_for(
                    asyncio.open_connection(self.host, self.port), self.timeout
                )
            try:
                self.writer.write(raw)
                await self.writer.drain()
                return await asyncio.wait_for(self._read_response(), self.timeout)
            except (ConnectionError, asyncio.IncompleteReadError, BrokenPipeError):
                await self.close()
                if fresh or attempt:
                    raise
        raise ConnectionError("unreachable")

    async def _read_response(self):
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split(b" ", 2)[1])
        length, chunked, close, server_ms = None, False, False, None
        while True:
            line = await self.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
            elif name == "connection" and value.lower() == "close":
                close = True
            elif name == "server-timing":
                server_ms = server_duration(value)
        if chunked:
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readuntil(b"\r\n")
                    break
                parts.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            body = b"".join(parts)
        elif length is not None:
            body = await self.reader.readexactly(length)
        else:
            body = await self.reader.read()
            close = True
        if close:
            await self.close()
        return status, body, server_ms


def server_duration(value):
    """The `dur` of a Server-Timing header (`app;dur=1.234`), in ms, or None."""
    for param in value.split(";")[1:]:
        name, _, number = param.strip().partition("=")
        if name == "dur":
            try:
                return float(number)
            except ValueError:
                return None
    return None


def build_raw(request, host, port):
    body = request.get("body")
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
    elif isinstance(body, str):
        body = body.encode()
    headers = {"Host": f"{host}:{port}", "User-Agent": "ddd-bench", "Accept": "*/*"}
    headers.update(request.get("headers") or {})
    if body is not None:
        headers["Content-Length"] = str(len(body))
    head = f"{request.get('method', 'GET')} {request['path']} HTTP/1.1\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return head.encode() + (body or b"")


def classify(kind, status, body):
    """A short label of the answer, e.g. `ok` or `error:already_redeemed`, for the report."""
    if kind == "json_status_reason":
        try:
            data = json.loads(body)
        except ValueError:
            return f"http{status}:not-json"
        if isinstance(data, dict):
            reason = data.get("reason")
            return str(data.get("status")) + (f":{reason}" if reason else "")
        return f"http{status}"
    return f"http{status}"


def median_and_p95(values, prefix=""):
    """`{prefix}p50_ms` and `{prefix}p95_ms` of `values`, in ms (nothing if there are none)."""
    if not values:
        return {}
    values = sorted(values)
    return {
        f"{prefix}p50_ms": round(percentile(values, 0.50), 3),
        f"{prefix}p95_ms": round(percentile(values, 0.95), 3),
    }


def percentile(sorted_values, fraction):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


async def run(spec):
    host = spec.get("host", "127.0.0.1")
    ports = spec["ports"]
    requests = spec["requests"]
    mode = spec.get("mode", "cycle")
    concurrency = spec.get("concurrency", 1)
    # Nothing to send (e.g. every ticket already scanned) gives an empty result, not a crash.
    max_requests = spec.get("max_requests", 10**9) if requests else 0
    if mode == "once":
        max_requests = min(max_requests, len(requests))
    max_seconds = spec.get("max_seconds", 5)
    timeout = spec.get("timeout", 30)
    kind = spec.get("classify")
    # Pre-build the bytes of every request for every port: the client's own cost stays tiny.
    raws = [{port: build_raw(r, host, port) for port in ports} for r in requests]

    latencies, statuses, labels, failures = [], Counter(), Counter(), Counter()
    # Requests may carry a `tag`: latencies per tag compare kinds of request interleaved in one run,
    # and so do the server's own times (its Server-Timing header) where it sends them.
    tags = [r.get("tag") for r in requests]
    by_tag, server_by_tag = {}, {}
    record_answers = spec.get("record_answers", False)
    answers = []
    next_index = 0
    start = time.perf_counter()
    deadline = start + max_seconds

    async def client(number):
        nonlocal next_index
        conns = {port: Connection(host, port, timeout) for port in ports}
        try:
            while True:
                if next_index >= max_requests or time.perf_counter() >= deadline:
                    return
                index = next_index
                next_index += 1
                port = ports[index % len(ports)]
                raw = raws[index % len(raws)][port]
                t0 = time.perf_counter()
                try:
                    status, body, server_ms = await conns[port].request(raw)
                except (TimeoutError, OSError, ConnectionError, asyncio.IncompleteReadError) as error:
                    failures[type(error).__name__] += 1
                    if record_answers:
                        answers.append({"i": index % len(raws), "label": "transport-error"})
                    await conns[port].close()
                    continue
                latencies.append((time.perf_counter() - t0) * 1000)
                statuses[status] += 1
                label = classify(kind, status, body) if kind else None
                if label:
                    labels[label] += 1
                tag = tags[index % len(tags)]
                if tag:
                    by_tag.setdefault(tag, []).append(latencies[-1])
                    if server_ms is not None:
                        server_by_tag.setdefault(tag, []).append(server_ms)
                if record_answers:
                    answers.append({"i": index % len(raws), "status": status, "label": label})
        finally:
            for conn in conns.values():
                await conn.close()

    await asyncio.gather(*(client(n) for n in range(concurrency)))
    elapsed = time.perf_counter() - start
    latencies.sort()
    done = len(latencies)
    # Pages must answer 200; API answers may be refusals by design (e.g. 400 already_redeemed).
    ok_statuses = spec.get("ok_statuses")
    server_errors = sum(
        count
        for status, count in statuses.items()
        if status >= 500 or (ok_statuses is not None and status not in ok_statuses)
    )
    result = {
        "clients": concurrency,
        "ports": ports,
        "requests": done,
        "seconds": round(elapsed, 3),
        "rps": round(done / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(latencies, 0.50), 2) if done else None,
        "p95_ms": round(percentile(latencies, 0.95), 2) if done else None,
        "p99_ms": round(percentile(latencies, 0.99), 2) if done else None,
        "max_ms": round(latencies[-1], 2) if done else None,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "errors": server_errors + sum(failures.values()),
        "transport_errors": dict(failures),
        "answers": dict(labels),
        "by_tag": {
            tag: {
                "requests": len(values),
                **median_and_p95(values),
                **median_and_p95(server_by_tag.get(tag), prefix="server_"),
            }
            for tag, values in by_tag.items()
        },
    }
    if record_answers:
        result["answer_log"] = answers
    return result


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        spec = json.load(handle)
    result = asyncio.run(run(spec))
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
