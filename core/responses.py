"""The JSON error body every API and webhook answer shares: `{"status": "error", "reason", "detail"}`.

`reason` is a machine word (pretix's, where scanner apps know them); `detail` a sentence for people.
"""

from django.http import JsonResponse


def json_error(reason: str, detail=None, *, status: int = 400, headers=None, **extra) -> JsonResponse:
    body = {"status": "error", "reason": reason}
    if detail is not None:
        body["detail"] = str(detail)
    body.update(extra)
    return JsonResponse(body, status=status, headers=headers)


def wants_json(request) -> bool:
    """API and payment clients get JSON errors; people get the site's pages."""
    return request.path.startswith(("/api/", "/payments/")) or request.headers.get("Accept", "").startswith(
        "application/json"
    )
