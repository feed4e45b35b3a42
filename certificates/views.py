"""Public pages: anyone verifies a certificate by its code; an attendee downloads their own."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_GET

from certificates import documents, services
from certificates.models import Certificate
from core.ratelimit import over_limit
from core.views import ratelimited
from registration import tokens


@require_GET
def verify(request):
    """What a certificate says (name, class, date: never contact details), or that it is revoked or
    unknown. Codes are short, so guessing is slowed down by CERTIFICATE_VERIFY_RATE."""
    raw = request.GET.get("code", "").strip()
    if not raw:
        return render(request, "certificates/verify.html", {"state": "form"})
    if over_limit(request, "certificates.verify", "CERTIFICATE_VERIFY_RATE", method="GET"):
        return ratelimited(request)
    certificate = services.find(raw)
    if certificate is None:
        return render(request, "certificates/verify.html", {"state": "unknown", "code": raw[:20]}, status=404)
    return render(
        request,
        "certificates/verify.html",
        {
            "state": "revoked" if certificate.is_revoked else "valid",
            "certificate": certificate,
            "event": certificate.event.localized_for(translation.get_language() or "vi"),
        },
    )


def download(request, token, ticket_id, code):
    """The certificate's PDF, for the holder of the registration's link (as the ticket PDF)."""
    order = tokens.order_from_manage_token(token)
    if order is None:
        raise Http404
    certificate = get_object_or_404(
        Certificate.objects.select_related("event"), code=code, ticket_id=ticket_id, ticket__order=order
    )
    if certificate.is_revoked:
        raise Http404
    response = HttpResponse(documents.certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    return response
