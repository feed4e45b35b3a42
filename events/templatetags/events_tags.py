"""Template helpers for the programme pages."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from events.models.venue import with_label

register = template.Library()

# Same escapes as Django's json_script: the JSON can never close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, data):
    """schema.org data as <script type="application/ld+json"> (data, not code; nonce added anyway)."""
    request = context.get("request")
    nonce = getattr(request, "csp_nonce", "") if request is not None else ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json" nonce="{}">{}</script>', nonce, mark_safe(payload))  # noqa: S308 - escaped above, like json_script


@register.simple_tag
def room_on_map(room):
    """The floor plan a session's room is drawn on, with the room ready to draw (None if not drawn)."""
    if room is None or not room.is_placed:
        return None
    return {"plan": room.floor_plan, "room": with_label(room, room.name)}


@register.filter
def minutes(delta):
    return int(delta.total_seconds() // 60)
