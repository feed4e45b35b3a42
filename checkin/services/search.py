"""Finding a ticket at the gate by the attendee's name, e-mail, phone, organisation or order reference."""

from django.db.models import Exists, OuterRef, Q

from checkin.models import CheckIn, CheckInType
from core.text import words
from registration.models import Ticket

MAX_QUERY_LENGTH = 100


def search_tickets(checkin_list, query):
    """Tickets of the list's event whose name, e-mail, phone, organisation or order reference match
    every word of `query` (accents ignored when registration keeps a folded `search_text`), each with
    `checked_in`: whether it has entered through this list."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    tickets = Ticket.objects.filter(order__event_id=checkin_list.event_id).select_related(
        "order", "ticket_type"
    )
    terms = words(query)
    # Punctuation alone ("!!", "--") has no word to look for: nothing, not every ticket.
    if len(query) < 2 or not terms:
        return tickets.none()
    if any(f.name == "search_text" for f in Ticket._meta.get_fields()):
        for term in terms:
            tickets = tickets.filter(search_text__contains=term)
    else:
        for term in query.split():
            tickets = tickets.filter(
                Q(attendee_name__icontains=term)
                | Q(email__icontains=term)
                | Q(phone__icontains=term)
                | Q(order__reference__iexact=term)
                | Q(organisation__icontains=term)
            )
    entered = CheckIn.objects.filter(
        ticket_id=OuterRef("pk"),
        checkin_list=checkin_list,
        successful=True,
        annulled_at__isnull=True,
        type=CheckInType.ENTRY,
    )
    return tickets.annotate(checked_in=Exists(entered)).order_by("attendee_name", "id")
