"""Thin views: a ticket's vote (sent from its ticket page) and the public results once published."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.ratelimit import over_limit
from core.views import ratelimited
from peoples_choice import services
from peoples_choice.forms import VoteForm
from peoples_choice.models import VoteRound
from registration.views import order_or_404


@never_cache
@require_POST
def vote(request, token, ticket_id):
    """One category's vote from the ticket page (reached by the registration's signed link)."""
    order = order_or_404(token)
    ticket = get_object_or_404(order.tickets.select_related("order"), pk=ticket_id)
    vote_round = services.round_for_event(order.event)
    if vote_round is None:
        raise Http404
    if over_limit(request, "peoples_choice.vote", "PEOPLES_CHOICE_VOTE_RATE"):
        return ratelimited(request)
    context = {"token": token, "ticket": ticket, "event": order.event}
    form = VoteForm(request.POST)
    if not form.is_valid():
        context["message"] = " ".join(e for errors in form.errors.values() for e in errors)
        return TemplateResponse(request, "peoples_choice/refused.html", context, status=400)
    try:
        services.cast_vote(ticket, vote_round, form.cleaned_data["category"], form.cleaned_data["product"])
    except services.VoteRefused as refused:
        status = 400 if refused.message == services.NOT_A_CHOICE else 403
        context["message"] = refused.message
        return TemplateResponse(request, "peoples_choice/refused.html", context, status=status)
    return redirect(reverse("registration:ticket", args=[token, ticket.pk]) + "?voted=1#peoples-choice")


def results(request, event_id):
    """The counts per product and category, public once the organisers publish them."""
    vote_round = get_object_or_404(
        VoteRound.objects.select_related("event"), event_id=event_id, results_published=True
    )
    return TemplateResponse(
        request,
        "peoples_choice/results.html",
        {
            "round": vote_round,
            "event": vote_round.event.localized_for(translation.get_language() or "vi"),
            "results": services.results(vote_round),
        },
    )
