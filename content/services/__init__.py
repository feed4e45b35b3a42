"""State changes of the content app, one module per process; callers write `from content import services`."""

from content.services.support import (
    SUPPORT_STEPS,
    assign_support_request,
    close_support_request,
    find_support_request,
    reply_to_support_request,
    submit_support_request,
)

__all__ = [
    "SUPPORT_STEPS",
    "assign_support_request",
    "close_support_request",
    "find_support_request",
    "reply_to_support_request",
    "submit_support_request",
]
