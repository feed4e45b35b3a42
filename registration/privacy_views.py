"""The attendee's own privacy pages, reached through their registration link: the data download
(JSON and a readable page), withdrawing consent to share with exhibitors, erasing what was shared."""

import json
from datetime import datetime

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import services
from .views import order_or_404

# Column headings of the readable page; a key without one is shown as it is in the JSON.
LABELS = {
    "reference": gettext_lazy("Reference"),
    "event": gettext_lazy("Event"),
    "email": gettext_lazy("E-mail"),
    "to": gettext_lazy("To"),
    "subject": gettext_lazy("Subject"),
    "kind": gettext_lazy("Kind"),
    "language": gettext_lazy("Language"),
    "status": gettext_lazy("Status"),
    "total_vnd": gettext_lazy("Total (VND)"),
    "refunded_vnd": gettext_lazy("Refunded (VND)"),
    "created_at": gettext_lazy("Created at"),
    "confirmed_at": gettext_lazy("Confirmed at"),
    "paid_at": gettext_lazy("Paid at"),
    "erased_at": gettext_lazy("Erased at"),
    "share_with_exhibitors": gettext_lazy("Share with exhibitors"),
    "ticket_type": gettext_lazy("Ticket type"),
    "attendee_name": gettext_lazy("Name"),
    "name": gettext_lazy("Name"),
    "phone": gettext_lazy("Phone"),
    "organisation": gettext_lazy("Organisation"),
    "job_title": gettext_lazy("Job title"),
    "category": gettext_lazy("I attend as"),
    "session": gettext_lazy("Workshop"),
    "since": gettext_lazy("Since"),
    "purpose": gettext_lazy("Purpose"),
    "policy_version": gettext_lazy("Privacy notice version"),
    "given_at": gettext_lazy("Given at"),
    "withdrawn_at": gettext_lazy("Withdrawn at"),
    "sent_at": gettext_lazy("Sent at"),
    "exhibitor": gettext_lazy("Exhibitor"),
    "scanned_at": gettext_lazy("Scanned at"),
    "booth": gettext_lazy("Booth"),
    "details_shared": gettext_lazy("Details shared"),
    "exhibitor_note": gettext_lazy("The exhibitor's note"),
    "rating": gettext_lazy("Rating"),
    "list": gettext_lazy("Check-in list"),
    "gate": gettext_lazy("Gate"),
    "type": gettext_lazy("Entry or exit"),
    "admitted": gettext_lazy("Admitted"),
    "undone_at": gettext_lazy("Undone at"),
    "received_at": gettext_lazy("Received at"),
    "received_by": gettext_lazy("Received by"),
    "request": gettext_lazy("Request"),
    "answered_at": gettext_lazy("Answered at"),
    "topic": gettext_lazy("Topic"),
    "message": gettext_lazy("Message"),
}


def _readable(value):
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and len(value) >= 19 and value[4:5] == "-" and value[10:11] == "T":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    return "" if value is None else value


def readable_sections(order):
    """The download's sections as tables: translated headings, local dates, yes/no."""
    tables = []
    for section in services.privacy_sections(order):
        keys = list(section["rows"][0]) if section["rows"] else []
        tables.append(
            {
                "key": section["key"],
                "title": section["title"],
                "headings": [LABELS.get(key, key) for key in keys],
                "rows": [[_readable(row[key]) for key in keys] for row in section["rows"]],
            }
        )
    return tables


@never_cache
def data_json(request, token):
    order = order_or_404(token)
    data = services.download_personal_data(order)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="registration-{order.reference}.json"'
    return response


@never_cache
def data_page(request, token):
    """The same download as a page a person can read, in their language, naming every recipient."""
    order = order_or_404(token)
    services.download_personal_data(order)
    with translation.override(order.language):
        return render(
            request,
            "registration/privacy/data.html",
            {
                "order": order,
                "token": token,
                "event": order.event.localized_for(order.language),
                "sections": readable_sections(order),
            },
        )


@never_cache
@require_POST
def sharing(request, token):
    """Withdraw consent to share with exhibitors, and (offered right after) erase what they hold."""
    order = order_or_404(token)
    action = request.POST.get("action")
    if action == "withdraw":
        services.withdraw_sharing(order)
        messages.success(
            request, _("Exhibitors will no longer receive your details when they scan your ticket.")
        )
    elif action == "erase_shared":
        erased = services.erase_shared_details(order)
        messages.success(
            request,
            _("Your details are erased from %(count)s exhibitors' lists.") % {"count": erased},
        )
    else:
        return HttpResponseBadRequest(_("Unknown action."))
    return redirect("registration:manage", token=token)
