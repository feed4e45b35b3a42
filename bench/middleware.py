"""The bench's own middleware: how long each request took inside Django, told to the load client."""

import time


def server_timing(get_response):
    """Adds `Server-Timing: app;dur=…` (milliseconds, the W3C header): the time the request spent in
    Django, database included. Kinds of request taken in turn share one queue at 8 clients, so their
    latencies at the client mostly measure the queue; this is what each one cost the server."""

    def middleware(request):
        started = time.perf_counter()
        response = get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.3f}"
        return response

    return middleware
