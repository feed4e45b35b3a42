"""schema.org FAQPage data for the support page, so search engines can show the answers."""

import json

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

# The same escaping as Django's json_script: the JSON can never close the script element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def faq_json_ld(context, page):
    items = page.faq_items() if hasattr(page, "faq_items") else []
    if not items:
        return ""
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {"@type": "Answer", "text": strip_tags(item["answer"].source).strip()},
            }
            for item in items
        ],
    }
    payload = mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))  # noqa: S308 (escaped above)
    request = context.get("request")
    nonce = getattr(request, "csp_nonce", "") if request is not None else ""
    return format_html('<script type="application/ld+json" nonce="{}">{}</script>', nonce, payload)
