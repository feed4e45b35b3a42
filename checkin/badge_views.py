"""The badge print page at the gate: opened from the scanner after a green scan, printed by the browser.

Authorised like the scanner (staff login with the scanner permission, the list chosen in the session),
and only for a ticket admitted at that list: a volunteer prints the badges of the people they let in.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from checkin import badges
from checkin.presenters import category_label
from checkin.views import SESSION_LIST, available_lists, scanner_required
from core.qr import qr_svg


@require_GET
@never_cache
@login_required(login_url=reverse_lazy("checkin:login"))
@scanner_required
def badge(request, ticket_id):
    # The list this volunteer scans for (chosen on the scanner's setup page).
    checkin_list = available_lists().filter(pk=request.session.get(SESSION_LIST) or 0).first()
    ticket = badges.badge_ticket(ticket_id, checkin_list) if checkin_list else None
    if ticket is None:
        raise Http404("No ticket admitted at this list")
    # The badge speaks the attendee's language, as the bulk PDF does; the page around it, the volunteer's.
    with translation.override(ticket.order.language):
        category = category_label(ticket.category)
        ticket_type_name = str(ticket.ticket_type.name)
    layout = badges.layout_for(ticket.ticket_type)
    return render(
        request,
        "checkin/badges/print.html",
        {
            "ticket": ticket,
            "layout": layout.value,
            "layout_label": layout.label,
            "category": category,
            "ticket_type_name": ticket_type_name,
            "colour": badges.category_colour(ticket.category),
            "qr": qr_svg(ticket.secret),
        },
    )
