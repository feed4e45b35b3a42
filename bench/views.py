"""The trivial pages `make bench` measures every figure against, in the same run."""

from django.http import JsonResponse
from django.shortcuts import render


def baseline_json(request):
    """The trivial JSON endpoint: API throughput is given as a ratio to it."""
    return JsonResponse({"status": "ok"})


def baseline_page(request):
    """The trivial template page (the site's base template): page throughput is given as a ratio to it."""
    return render(request, "bench/baseline.html")
