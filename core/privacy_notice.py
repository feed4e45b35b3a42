"""The public privacy notice, generated from the settings and the registry of personal data, so that
what it promises (how long, who receives what, how fast a request is answered) is what the code does."""

from django.conf import settings
from django.shortcuts import render

from core import personal_data


def privacy_notice(request):
    holders = personal_data.holders()
    return render(
        request,
        "core/privacy_notice.html",
        {
            "version": settings.PRIVACY_POLICY_VERSION,
            "attendee_months": settings.PRIVACY_RETAIN_ATTENDEES_MONTHS,
            "lead_months": settings.PRIVACY_RETAIN_LEADS_MONTHS,
            "deadline_hours": settings.PRIVACY_REQUEST_DEADLINE_HOURS,
            "contact_email": settings.PRIVACY_CONTACT_EMAIL or settings.ORGANISER_EMAILS[0],
            "online_payment": bool(settings.STRIPE_SECRET_KEY),
            "places": [h.title for h in holders],
            "kept": [h.kept for h in holders if h.kept],
        },
    )
