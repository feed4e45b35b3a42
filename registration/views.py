"""Public registration pages: choose tickets, attendee details, confirm, manage, tickets and calendar (payment: payment_views)."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail import hooks

from core.qr import qr_png, qr_svg
from core.ratelimit import over_limit
from core.views import ratelimited
from events.models import EventPage

from . import documents, payments, services, tokens
from .forms import AttendeeForm, ContactForm, TicketQuantitiesForm, WorkshopChoiceForm
from .models import HOLDING_STATES, BankAccount, OrderStatus, SeatStatus, TicketStatus, TicketType


def _event_page(event_id):
    page = get_object_or_404(EventPage.objects.live().select_related("locale"), pk=event_id)
    # Show the page in the visitor's language when it has a translation.
    return page.localized_for(translation.get_language() or "vi")


def _ticket_types(event, access_token):
    """Types on sale for the page: public ones, plus a hidden one if the secret link names it."""
    now = timezone.now()
    qs = services.with_used_counts(TicketType.objects.filter(event=event.source_event), now).order_by(
        "sort_order", "pk"
    )
    types = [t for t in qs if (not t.is_hidden or (access_token and t.access_token == access_token))]
    payable = payments.is_configured() or BankAccount.for_event(event) is not None
    rows = []
    for ticket_type in types:
        remaining = None
        if ticket_type.capacity is not None:
            remaining = max(ticket_type.capacity - ticket_type.used, 0)
        rows.append(
            {
                "type": ticket_type,
                "remaining": remaining,
                "on_sale": ticket_type.on_sale(now),
                "payable": ticket_type.is_free or payable,
            }
        )
    return rows


def _sellable(rows):
    return [r["type"] for r in rows if r["on_sale"] and r["payable"] and r["remaining"] != 0]


def register(request, event_id):
    """Step 1: which tickets, how many.

    The plain page (no invitation link, no answer to show) is the same for every visitor, so the
    anonymous page cache may keep it, but only REGISTRATION_PAGE_SECONDS: "places left" moves with
    every order. Editing a ticket type (capacity, price, sale window) clears it at once."""
    page = _event_page(event_id)
    access = request.GET.get("access") or request.POST.get("access") or ""
    if access and not TicketType.objects.filter(event=page.source_event, access_token=access).exists():
        messages.error(request, _("This invitation link is not valid. Check the link or ask the organisers."))
        access = ""
    rows = _ticket_types(page, access)
    form = TicketQuantitiesForm(request.GET if "step" in request.GET else None, ticket_types=_sellable(rows))
    if form.is_bound and form.is_valid():
        query = "&".join(f"q_{t.pk}={q}" for t, q in form.quantities() if q)
        if access:
            query += f"&access={access}"
        return redirect(reverse("registration:details", args=[page.pk]) + "?" + query)
    for row in rows:
        row["field"] = form.field_for(row["type"]) if row["type"] in form.ticket_types else None
    opens_at = (
        page.registration_opens_at
        if page.registration_opens_at and page.registration_opens_at > timezone.now()
        else None
    )
    response = render(
        request,
        "registration/register.html",
        {
            "page": page,
            "event": page,
            "rows": rows,
            "form": form,
            "access": access,
            "registration_open": page.registration_is_open,
            "opens_at": opens_at,
            "payments_configured": payments.is_configured(),
        },
    )
    # A query (invitation link, answers with errors) or a message makes the page one visitor's.
    if request.GET or access or len(messages.get_messages(request)):
        add_never_cache_headers(response)
    else:
        patch_cache_control(response, max_age=settings.REGISTRATION_PAGE_SECONDS)
    return response


def _requested(request, page, access):
    """The (ticket type, quantity) pairs carried from step 1, re-checked."""
    rows = _ticket_types(page, access)
    data = request.POST if request.method == "POST" else request.GET
    form = TicketQuantitiesForm(data, ticket_types=_sellable(rows))
    if not form.is_valid():
        return None, form
    return [(t, q) for t, q in form.quantities() if q], form


@never_cache
def details(request, event_id):
    """Step 2: one block per attendee, contact e-mail, consent; places the order."""
    # Per IP address: a venue or office shares one, so the rate is generous.
    if request.method == "POST" and over_limit(request, "registration.place_order", "REGISTRATION_RATE"):
        return ratelimited(request)
    page = _event_page(event_id)
    event = page.source_event
    access = request.GET.get("access") or request.POST.get("access") or ""
    chosen, quantity_form = _requested(request, page, access)
    if chosen is None:
        messages.error(request, " ".join(str(e) for errors in quantity_form.errors.values() for e in errors))
        url = reverse("registration:register", args=[page.pk]) + (f"?access={access}" if access else "")
        return redirect(url)
    sessions = list(services.with_seat_counts(services.signup_sessions(event)))
    seats_left = {s.pk: (None if s.capacity is None else s.capacity - s.taken) for s in sessions}
    data = request.POST if request.method == "POST" else None
    attendee_forms = []
    index = 0
    for ticket_type, quantity in chosen:
        for _n in range(quantity):
            attendee_forms.append(
                AttendeeForm(
                    data,
                    prefix=f"a{index}",
                    ticket_type=ticket_type,
                    sessions=sessions,
                    seats_left=seats_left,
                )
            )
            index += 1
    contact = ContactForm(data)
    error = None
    if data is not None:
        # Validate every block (not stopping at the first) so all errors show at once.
        results = [contact.is_valid()] + [f.is_valid() for f in attendee_forms]
        if all(results):
            attendees = [
                services.AttendeeData(
                    ticket_type=f.ticket_type,
                    name=f.cleaned_data["name"],
                    email=f.cleaned_data["email"] or contact.cleaned_data["email"],
                    phone=f.cleaned_data["phone"],
                    organisation=f.cleaned_data["organisation"],
                    job_title=f.cleaned_data["job_title"],
                    category=f.cleaned_data["category"],
                    session_ids=f.session_ids(),
                )
                for f in attendee_forms
            ]
            try:
                order = services.place_order(
                    event=event,
                    email=contact.cleaned_data["email"],
                    attendees=attendees,
                    consent=contact.cleaned_data["consent"],
                    share_with_exhibitors=contact.cleaned_data["share_with_exhibitors"],
                    language=translation.get_language() or "vi",
                    access_token=access or None,
                )
            except services.RegistrationError as exc:
                error = exc.message
            else:
                token = tokens.manage_token(order)
                if order.status == OrderStatus.PENDING_PAYMENT:
                    return redirect("registration:pay", token=token)
                return redirect("registration:check_email", token=token)
    privacy_url = _privacy_url()
    return render(
        request,
        "registration/details.html",
        {
            "page": page,
            "event": page,
            "chosen": chosen,
            "attendee_forms": attendee_forms,
            "contact": contact,
            "error": error,
            "access": access,
            "privacy_url": privacy_url,
            "total": sum(t.price * q for t, q in chosen),
        },
        status=400 if data is not None else 200,
    )


def _privacy_url():
    return reverse("privacy_notice")


def order_or_404(token):
    order = tokens.order_from_manage_token(token)
    if order is None:
        raise Http404(_("This link is not valid. Check that you copied all of it."))
    return order


@never_cache
def check_email(request, token):
    order = order_or_404(token)
    return render(request, "registration/check_email.html", {"order": order, "token": token})


@never_cache
def confirm_email(request, token):
    order = tokens.order_from_confirm_token(token)
    if order is None:
        return render(
            request,
            "registration/message.html",
            {
                "title": _("Link not valid"),
                "message": _("This confirmation link is not valid or has expired."),
            },
            status=400,
        )
    try:
        order = services.confirm_email(order)
    except services.RegistrationError as exc:
        return render(
            request,
            "registration/message.html",
            {"title": _("Registration not confirmed"), "message": exc.message},
            status=409,
        )
    return redirect("registration:manage", token=tokens.manage_token(order))


def _manage_context(order, token):
    tickets = list(
        order.tickets.select_related("ticket_type").prefetch_related("seats__session").order_by("pk")
    )
    sessions = list(services.signup_sessions(order.event))
    for ticket in tickets:
        chosen = [str(s.session_id) for s in ticket.seats.all()]
        ticket.workshop_form = WorkshopChoiceForm(
            initial={"sessions": chosen}, sessions=sessions, prefix=f"t{ticket.pk}"
        )
    seat_ids = sorted(
        {seat.session_id for t in tickets for seat in t.seats.all() if seat.status == SeatStatus.CONFIRMED}
    )
    return {
        "order": order,
        "event": order.event.localized_for(translation.get_language() or "vi"),
        "tickets": tickets,
        "agenda_ids": ",".join(map(str, seat_ids)),
        "token": token,
        "has_workshops": bool(sessions),
        "refund_amount": services.refund_amount_for(order),
        "can_cancel": order.status in (OrderStatus.CONFIRMED, *HOLDING_STATES),
        "erased": order.erased_at is not None,
    }


@never_cache
def manage(request, token):
    order = order_or_404(token)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "resend":
                services.resend_confirmation(order)
                messages.success(request, _("We sent the e-mail again."))
            elif action == "cancel":
                services.cancel_order(order)
                messages.success(request, _("Your registration is cancelled."))
            elif action == "delete":
                if request.POST.get("confirm_delete") != "yes":
                    messages.error(request, _("Tick the box to confirm that your data should be deleted."))
                else:
                    services.erase_personal_data(order)
                    messages.success(request, _("Your ticket is void and your personal data is deleted."))
            elif action == "workshops":
                ticket = get_object_or_404(order.tickets, pk=request.POST.get("ticket"))
                form = WorkshopChoiceForm(
                    request.POST, sessions=services.signup_sessions(order.event), prefix=f"t{ticket.pk}"
                )
                if not form.is_valid():
                    raise services.RegistrationError(
                        _("That workshop is not part of this event."), "wrong_session"
                    )
                services.change_workshops(ticket, form.cleaned_data["sessions"])
                messages.success(request, _("Your workshop choices are saved."))
            else:
                return HttpResponseBadRequest(_("Unknown action."))
        except services.RegistrationError as exc:
            messages.error(request, exc.message)
        except payments.PaymentError:
            messages.error(
                request,
                _("The payment service is not reachable right now. Please try again in a few minutes."),
            )
        return redirect("registration:manage", token=token)
    return render(request, "registration/manage.html", _manage_context(order, token))


def _ticket(token, ticket_id):
    order = order_or_404(token)
    ticket = get_object_or_404(order.tickets.select_related("ticket_type", "order__event"), pk=ticket_id)
    return order, ticket


def ticket_page(request, token, ticket_id):
    order, ticket = _ticket(token, ticket_id)
    usable = ticket.status == TicketStatus.VALID and order.status == OrderStatus.CONFIRMED
    svg = qr_svg(ticket.secret).split("?>", 1)[-1] if usable else ""
    return render(
        request,
        "registration/ticket.html",
        {
            "order": order,
            "ticket": ticket,
            "token": token,
            "qr_svg": svg,
            "usable": usable,
            "event": order.event.localized_for(translation.get_language() or "vi"),
            "seats": ticket.seats.filter(status=SeatStatus.CONFIRMED).select_related("session"),
            # Links that apps above registration add (certificates): (label, url) pairs.
            "more_links": [
                link for hook in hooks.get_hooks("ticket_page_links") for link in hook(ticket, token)
            ],
        },
    )


def ticket_qr(request, token, ticket_id):
    order, ticket = _ticket(token, ticket_id)
    if ticket.status != TicketStatus.VALID or order.status != OrderStatus.CONFIRMED:
        raise Http404
    return HttpResponse(qr_png(ticket.secret), content_type="image/png")


def ticket_pdf(request, token, ticket_id):
    order, ticket = _ticket(token, ticket_id)
    if ticket.status != TicketStatus.VALID or order.status != OrderStatus.CONFIRMED:
        raise Http404
    response = HttpResponse(documents.ticket_pdf(ticket), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ticket-{order.reference}-{ticket.pk}.pdf"'
    return response


def calendar(request, token):
    order = order_or_404(token)
    response = HttpResponse(documents.order_ics(order), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{order.reference}.ics"'
    return response
