"""Shared pieces of the JSON API: pagination, error shape, schema filtering."""

from typing import NoReturn

from rest_framework.exceptions import ValidationError
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


class BadParameter(ValidationError):
    """A query parameter the API cannot use (400), its body already in the error shape."""


def bad_parameter(field: str, message: str) -> NoReturn:
    """Refuse a query parameter: 400 `{"status": "error", "reason": "invalid", "detail": "field: message"}`."""
    raise BadParameter({"status": "error", "reason": "invalid", "detail": f"{field}: {message}"})


def only_public_api(endpoints, **kwargs):
    """Keep our `/api/v1/` endpoints in the schema; Wagtail's internal ones are not our contract."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


ERROR_SCHEMA = {
    "type": "object",
    "properties": {"status": {"type": "string"}, "reason": {"type": "string"}, "detail": {"type": "string"}},
    "required": ["status", "reason"],
}


PAGINATION_PARAMETERS = {"page", "page_size"}


def document_not_found(result, generator, request, public):
    """Unknown ids and out-of-range pages answer 404 in the error shape: say so in the schema.

    Likewise a filter given an unusable value (`?track=abc`) answers 400 in the error shape.
    """
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            parameters = operation.get("parameters", [])
            filters = [
                p for p in parameters if p.get("in") == "query" and p.get("name") not in PAGINATION_PARAMETERS
            ]
            if filters:
                operation.setdefault("responses", {}).setdefault(
                    "400",
                    {
                        "description": "Bad parameter",
                        "content": {"application/json": {"schema": ERROR_SCHEMA}},
                    },
                )
            if "{" in path or any(parameter.get("name") == "page" for parameter in parameters):
                operation.setdefault("responses", {}).setdefault(
                    "404",
                    {"description": "Not found", "content": {"application/json": {"schema": ERROR_SCHEMA}}},
                )
    return result
