"""How a scan's answer is told: the JSON that devices and the scanner page read, in plain words."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from checkin.models import Reason
from registration.models import AttendeeCategory

# A refused repeat scan's sentence, by (still inside, at a named gate, by a named scanner): whole
# sentences, so translators order the words their language's way and an answer is one lookup.
# The scanner page words its offline answers from the same sentences (views._offline_messages).
ALREADY_SENTENCES = {
    (False, False, False): gettext_noop("Already checked in at %(time)s."),
    (False, True, False): gettext_noop("Already checked in at %(time)s at %(gate)s."),
    (False, False, True): gettext_noop("Already checked in at %(time)s by %(by)s."),
    (False, True, True): gettext_noop("Already checked in at %(time)s at %(gate)s by %(by)s."),
    (True, False, False): gettext_noop("Still inside: came in at %(time)s."),
    (True, True, False): gettext_noop("Still inside: came in at %(time)s at %(gate)s."),
    (True, False, True): gettext_noop("Still inside: came in at %(time)s by %(by)s."),
    (True, True, True): gettext_noop("Still inside: came in at %(time)s at %(gate)s by %(by)s."),
}


def already_sentence_key(inside, gate, by):
    """The offline page's name for ALREADY_SENTENCES[inside, bool(gate), bool(by)]."""
    return "reason_" + ("inside" if inside else "already") + ("_gate" if gate else "") + ("_by" if by else "")


def local_time(value):
    """08:42 today, 09/10 08:42 on another day, in the site's time zone (Asia/Ho_Chi_Minh): the time at
    the venue, the same in every language. Formatted from its numbers, without Django's date formatting
    or strftime: it is part of every scan's answer."""
    zone = timezone.get_default_timezone()
    local = value.astimezone(zone)
    if local.date() == timezone.now().astimezone(zone).date():
        return f"{local.hour:02d}:{local.minute:02d}"
    return f"{local.day:02d}/{local.month:02d} {local.hour:02d}:{local.minute:02d}"


def category_label(value):
    """The attendee category's name in the current language (the stored value if it is not one)."""
    try:
        return str(AttendeeCategory(value).label)
    except ValueError:
        return value


def ticket_data(ticket, with_secret=False):
    if ticket is None:
        return None
    data = {
        "id": ticket.pk,
        "attendee_name": ticket.attendee_name,
        "organisation": ticket.organisation,
        "job_title": ticket.job_title,
        "ticket_type": str(ticket.ticket_type.name),
        "ticket_type_id": ticket.ticket_type_id,
        "category": ticket.category,
        "category_label": category_label(ticket.category),
        "order_reference": ticket.order.reference,
        "note_for_staff": ticket.note_for_staff,
    }
    if with_secret:
        data["secret"] = ticket.secret
    return data


def checkin_data(row):
    if row is None:
        return None
    return {
        "id": row.pk,
        "list": row.checkin_list_id,
        "type": row.type,
        "successful": row.successful,
        "reason": row.reason or None,
        "created_at": row.created_at.isoformat(),
        "local_time": local_time(row.created_at),
        "gate": row.gate,
        "by": row.by,
        "nonce": row.nonce,
        "annulled": row.annulled_at is not None,
    }


def message(result, previous_time=None):
    """The sentence the volunteer reads: what to do with the person in front of them. `previous_time`:
    `local_time` of the earlier admission, when the caller has it already."""
    reason = result.reason
    if reason is None:
        if result.checkin.type == "exit":
            return _("Exit recorded.")
        return _("Welcome! Checked in.")
    if reason == Reason.ALREADY_REDEEMED:
        previous = result.previous
        if previous is None:
            return _("Already checked in.")
        by, gate = previous.by, previous.gate
        sentence = ALREADY_SENTENCES[result.detail == "inside", bool(gate), bool(by)]
        return _(sentence) % {
            "time": previous_time or local_time(previous.created_at),
            "gate": gate,
            "by": by,
        }
    if reason == Reason.CONFLICT:
        previous = result.previous
        if previous is None:
            return _("Admitted at another gate first.")
        parts = {
            "time": previous_time or local_time(previous.created_at),
            "gate": previous.gate or previous.by,
        }
        return _("Conflict: admitted first at %(gate)s at %(time)s.") % parts
    if reason == Reason.UNPAID:
        return {
            "pending_email": _("Registration not confirmed by e-mail."),
            "pending_approval": _("Registration still waiting for the organiser's approval."),
        }.get(result.detail, _("Not paid yet: send the attendee to the help desk."))
    if reason == Reason.PRODUCT and result.detail == "no_seat":
        return _("No seat booked for this session.")
    return {
        Reason.INVALID: _("Unknown code: this is not one of our tickets."),
        Reason.CANCELED: _("This ticket has been cancelled."),
        Reason.PRODUCT: _("This ticket type is not admitted here."),
        Reason.INVALID_TIME: _("Not valid at this time (not today, or outside this list's hours)."),
        Reason.WRONG_EVENT: _("This ticket is for another event."),
    }.get(reason, str(reason))


def result_data(result):
    """The redeem answer, as in the device API contract, plus the sentence and attention notes."""
    previous = checkin_data(result.previous)
    return {
        "status": result.status,
        "reason": result.reason,
        "message": message(result, previous and previous["local_time"]),
        "attention": result.attention,
        "attention_reasons": result.attention_reasons,
        "ticket": ticket_data(result.ticket),
        "checkin": checkin_data(result.checkin),
        "previous": previous,
    }


def list_data(checkin_list):
    session = checkin_list.session
    return {
        "id": checkin_list.pk,
        "name": checkin_list.name,
        "event": {"id": checkin_list.event_id, "title": checkin_list.event.title},
        "session": {"id": session.pk, "title": str(session.title), "starts_at": session.starts_at.isoformat()}
        if session
        else None,
        "ticket_types": [ticket_type.pk for ticket_type in checkin_list.ticket_types.all()],
        "valid_from": checkin_list.valid_from.isoformat() if checkin_list.valid_from else None,
        "valid_until": checkin_list.valid_until.isoformat() if checkin_list.valid_until else None,
        "allow_reentry": checkin_list.allow_reentry,
        "record_exits": checkin_list.record_exits,
        "admit_pending_approval": checkin_list.admit_pending_approval,
        "admit_unpaid": checkin_list.admit_unpaid,
    }
