"""The results in the admin, published or not, as a table and as CSV (logged through core.exports)."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from core.exports import log_export, spreadsheet_safe
from peoples_choice import services
from peoples_choice.models import VoteRound


def can_read_results(user):
    return user.has_perm("peoples_choice.view_voteround") or user.has_perm("peoples_choice.change_voteround")


def results(request, pk):
    if not can_read_results(request.user):
        raise PermissionDenied
    vote_round = get_object_or_404(VoteRound.objects.select_related("event"), pk=pk)
    rows = services.results(vote_round)
    if request.GET.get("format") == "csv":
        return _csv(request, vote_round, rows)
    return TemplateResponse(
        request, "peoples_choice/admin/results.html", {"round": vote_round, "results": rows}
    )


def _csv(request, vote_round, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="peoples-choice-{vote_round.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(["category", "product_id", "product", "company", "votes"])
    count = 0
    for value, _label, _total, ranked in rows:
        for product, votes in ranked:
            writer.writerow(
                [
                    value,
                    product.pk,
                    spreadsheet_safe(product.name_vi),
                    spreadsheet_safe(product.exhibitor.name),
                    votes,
                ]
            )
            count += 1
    log_export(request.user, "peoples_choice.results", "csv", f"round={vote_round.pk}", count)
    return response
