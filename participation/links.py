"""The secret link a session's host moderates its questions with (no account needed)."""

from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare

from core.links import absolute_url

SALT = "participation.qa-moderator"


def moderator_key(session_id):
    # Signed with SECRET_KEY: rotating the key revokes every moderator link at once.
    return signing.Signer(salt=SALT).signature(str(session_id))


def is_moderator_key(session_id, key):
    return constant_time_compare(key or "", moderator_key(session_id))


def moderator_url(session_id):
    return absolute_url(reverse("participation:qa_moderate", args=[session_id, moderator_key(session_id)]))


def screen_url(session_id):
    return absolute_url(reverse("participation:qa_screen", args=[session_id]))


def qa_url(session_id):
    return absolute_url(reverse("participation:qa", args=[session_id]))


FEEDBACK_SALT = "participation.session-feedback"


def feedback_token(ticket_id, session_id):
    """The ticket and session a feedback link is for, signed: the link is the attendee's key."""
    return signing.dumps([ticket_id, session_id], salt=FEEDBACK_SALT, compress=True)


def read_feedback_token(token):
    """(ticket_id, session_id), or None for a token this site did not sign."""
    try:
        ticket_id, session_id = signing.loads(token, salt=FEEDBACK_SALT)
        return int(ticket_id), int(session_id)
    except (signing.BadSignature, TypeError, ValueError):
        return None


def feedback_path(ticket_id, session_id):
    return reverse("participation:session_feedback", args=[feedback_token(ticket_id, session_id)])


def feedback_url(ticket_id, session_id):
    return absolute_url(feedback_path(ticket_id, session_id))
