"""Shared pieces of the JSON API: pagination, error shape, schema filtering."""

from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler as drf_exception_handler


class StandardPagination(PageNumberPagination):
    """`count`, `next`, `previous`, `results`; clients may ask for up to 200 items a page."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def exception_handler(exc, context):
    """DRF's handler, plus a `status`/`reason` pair that scanner apps can switch on."""
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict):
        response.data.setdefault("status", "error")
        response.data.setdefault("reason", getattr(exc, "default_code", "error"))
    return response


def only_public_api(endpoints, **kwargs):
    """Keep our `/api/v1/` endpoints in the schema; Wagtail's internal ones are not our contract."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
