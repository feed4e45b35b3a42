"""Lead scanning at the booth: the scanner page (JSON and plain form), notes and ratings, the CSV."""

import json

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.responses import json_error
from exhibitors import services
from exhibitors.forms import LeadForm
from exhibitors.models import Lead
from exhibitors.portal.access import portal_view


@portal_view
def leads(request, exhibitor):
    rows = exhibitor.leads.order_by("-created_at")
    return render(
        request,
        "exhibitors/portal/leads.html",
        {
            "exhibitor": exhibitor,
            "leads": rows,
            "shared_count": sum(1 for lead in rows if lead.shared),
            "anonymous_count": sum(1 for lead in rows if not lead.shared),
            "erased_count": sum(1 for lead in rows if lead.erased_on_request),
        },
    )


@portal_view
def lead_scanner(request, exhibitor):
    return render(request, "exhibitors/portal/scan.html", {"exhibitor": exhibitor})


@portal_view
@require_POST
def lead_scan(request, exhibitor):
    """JSON endpoint of the scanner page: `{"secret"}` → the lead (or an error with a reason)."""
    try:
        payload = json.loads(request.body or b"{}")
        secret = str(payload.get("secret", ""))[:100]
    except (ValueError, AttributeError):
        secret = request.POST.get("secret", "")[:100]
    try:
        lead, created = services.record_lead(exhibitor, secret=secret, user=request.user)
    except services.ExhibitorError as error:
        return json_error(error.code, error.message)
    return JsonResponse(
        {
            "status": "ok",
            "created": created,
            "lead": {
                "id": lead.pk,
                "shared": lead.shared,
                "name": lead.name if lead.shared else "",
                "organisation": lead.organisation if lead.shared else "",
                "label": str(lead) if lead.shared else _("A visitor who did not share details"),
                "url": reverse(
                    "exhibitors:portal_lead_edit", kwargs={"exhibitor_id": exhibitor.pk, "pk": lead.pk}
                ),
            },
        },
        status=201 if created else 200,
    )


@portal_view
@require_POST
def lead_scan_form(request, exhibitor):
    """The same scan as a plain form post (USB scanners, typing a code, no JavaScript)."""
    try:
        lead, _created = services.record_lead(
            exhibitor, secret=request.POST.get("secret", ""), user=request.user
        )
    except services.ExhibitorError as error:
        messages.error(request, error.message)
        return redirect("exhibitors:portal_lead_scanner", exhibitor_id=exhibitor.pk)
    messages.success(request, _("Lead saved: %(lead)s") % {"lead": lead})
    return redirect("exhibitors:portal_lead_edit", exhibitor_id=exhibitor.pk, pk=lead.pk)


@portal_view
@require_http_methods(["GET", "POST"])
def lead_edit(request, exhibitor, pk):
    lead = get_object_or_404(Lead, pk=pk, exhibitor=exhibitor)
    form = LeadForm(request.POST or None, initial={"note": lead.note, "rating": lead.rating})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.update_lead(
                lead, user=request.user, note=form.cleaned_data["note"], rating=form.cleaned_data["rating"]
            )
        except services.ExhibitorError as error:
            messages.error(request, error.message)
            status = 409
        else:
            messages.success(request, _("Saved."))
            return redirect("exhibitors:portal_leads", exhibitor_id=exhibitor.pk)
    return render(
        request,
        "exhibitors/portal/lead_form.html",
        {"exhibitor": exhibitor, "lead": lead, "form": form},
        status=status,
    )


@portal_view
def leads_csv(request, exhibitor):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="leads-{exhibitor.slug}.csv"'
    response.write("\ufeff")  # Excel needs the BOM to read UTF-8 Vietnamese
    services.write_leads_csv(exhibitor, response, user=request.user)
    return response
