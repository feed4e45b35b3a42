"""`{% privacy_panel order token %}`: the manage page's personal-data section (download, sharing, erasure)."""

from django import template

from registration import services

register = template.Library()


@register.inclusion_tag("registration/privacy/panel.html", takes_context=True)
def privacy_panel(context, order, token):
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "order": order,
        "token": token,
        "sharing": order.share_with_exhibitors,
        "shared_copies": services.shared_copies(order),
    }
