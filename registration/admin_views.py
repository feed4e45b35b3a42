"""Organisers' pages in the Wagtail admin: one order with its actions, walk-in registration, capacity."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import ModelLogEntry

from core.phone import normalise_phone
from events.models import Session

from . import payments, services
from .models import HOLDING_STATES, AttendeeCategory, Order, OrderStatus, SeatStatus, TicketStatus, TicketType


def _require(request, codename):
    if not request.user.has_perm(f"registration.{codename}"):
        raise PermissionDenied


def order_detail(request, pk):
    _require(request, "view_order")
    order = get_object_or_404(Order.objects.select_related("event"), pk=pk)
    if request.method == "POST":
        _require(request, "change_order")
        action = request.POST.get("action")
        try:
            if action == "resend":
                services.resend_confirmation(order, user=request.user)
                messages.success(request, _("The e-mail was sent again."))
            elif action == "approve":
                services.approve_order(order, user=request.user)
                messages.success(request, _("The order is approved."))
            elif action == "reject":
                services.reject_order(order, user=request.user)
                messages.success(request, _("The order is rejected."))
            elif action == "cancel":
                services.cancel_order(
                    order, user=request.user, by_organiser=True, refund=bool(request.POST.get("refund"))
                )
                messages.success(request, _("The order is cancelled."))
            elif action == "rename":
                ticket = get_object_or_404(order.tickets, pk=request.POST.get("ticket"))
                services.rename_attendee(ticket, request.POST.get("name", ""), user=request.user)
                messages.success(request, _("The attendee's name is changed."))
            else:
                messages.error(request, _("Unknown action."))
        except services.RegistrationError as error:
            messages.error(request, error.message)
        except payments.PaymentError as error:
            messages.error(request, _("Stripe refused or could not be reached: %(error)s") % {"error": error})
        return redirect("registration_admin:order", pk=order.pk)
    tickets = order.tickets.select_related("ticket_type").prefetch_related("seats__session")
    history = ModelLogEntry.objects.filter(
        content_type__model="order", object_id=str(order.pk)
    ).select_related("user")
    return render(
        request,
        "registration/admin/order.html",
        {
            "order": order,
            "tickets": tickets,
            "history": history.order_by("-timestamp")[:50],
            "can_cancel": order.status in (OrderStatus.CONFIRMED, *HOLDING_STATES),
            "refund_amount": services.refund_amount_for(order, by_organiser=True),
            "transfers": order.bank_transfers.prefetch_related("refunds"),
        },
    )


class WalkInForm(forms.Form):
    ticket_type = forms.ModelChoiceField(
        label=gettext_lazy("Ticket type"),
        queryset=TicketType.objects.select_related("event").order_by("-event__starts_at"),
    )
    name = forms.CharField(label=gettext_lazy("Full name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=30, required=False)
    organisation = forms.CharField(label=gettext_lazy("Organisation"), max_length=200, required=False)
    category = forms.ChoiceField(label=gettext_lazy("Category"), choices=AttendeeCategory.choices)

    def clean_phone(self):
        return normalise_phone(self.cleaned_data.get("phone"))


def walk_in(request):
    _require(request, "add_order")
    form = WalkInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = services.walk_in(
                event=data["ticket_type"].event,
                ticket_type=data["ticket_type"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                organisation=data["organisation"],
                category=data["category"],
                user=request.user,
            )
        except services.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Walk-in registered: order %(ref)s.") % {"ref": order.reference})
            return redirect("registration_admin:order", pk=order.pk)
    return render(request, "registration/admin/walk_in.html", {"form": form})


def capacity(request):
    _require(request, "view_tickettype")
    now = timezone.now()
    types = services.with_sold_and_held(TicketType.objects.select_related("event"), now).order_by(
        "event__starts_at", "sort_order"
    )
    workshops = (
        services.with_seat_counts(Session.objects.filter(requires_signup=True).select_related("event"), now)
        .annotate(
            waiting=Count(
                "seats", filter=Q(seats__status=SeatStatus.WAITING, seats__ticket__status=TicketStatus.VALID)
            ),
        )
        .order_by("event__starts_at", "starts_at")
    )
    events = {}
    for ticket_type in types:
        events.setdefault(ticket_type.event_id, {"event": ticket_type.event, "types": [], "workshops": []})[
            "types"
        ].append(ticket_type)
    for workshop in workshops:
        workshop.free = None if workshop.capacity is None else max(workshop.capacity - workshop.taken, 0)
        events.setdefault(workshop.event_id, {"event": workshop.event, "types": [], "workshops": []})[
            "workshops"
        ].append(workshop)
    return render(request, "registration/admin/capacity.html", {"events": list(events.values())})
