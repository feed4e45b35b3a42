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
