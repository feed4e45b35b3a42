"""The exhibitors app's places of personal data, registered with `core.personal_data` (exhibitors/apps.py).

Registration cannot import exhibitors, so an attendee's erasure and download reach the leads through
this registration.
"""

from django.utils.translation import gettext_lazy as _

from core import personal_data
from exhibitors.models import Lead
from exhibitors.services.leads import LEAD_PERSONAL_FIELDS, erase_leads, expired_leads, leads_for_download


def register():
    personal_data.register(
        "exhibitors.Lead",
        section="exhibitors",
        title=_("Exhibitors who scanned your ticket"),
        fields=LEAD_PERSONAL_FIELDS,
        rows=lambda person: Lead.objects.filter(ticket_id__in=person.ticket_ids),
        export=lambda person: leads_for_download(person.ticket_ids),
        expired=expired_leads,
        erase=erase_leads,
        kept=_("Each booth scan, without details or notes: exhibitors keep a count of visitors."),
        shared_with_third_parties=True,
    )
    # A company's own contact people: business contacts under the exhibitor's contract, not attendees.
    reason = _("A company's business contact, kept under its exhibitor contract and edited in its portal.")
    personal_data.exempt("exhibitors.Exhibitor", reason)
    personal_data.exempt("exhibitors.ExhibitorApplication", reason)
