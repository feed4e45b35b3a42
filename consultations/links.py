"""The signed link that confirms a comment's e-mail address."""

from django.core import signing
from django.urls import reverse
from django.utils import translation

from core.links import absolute_url

SALT = "consultations.confirm-comment"
# Long enough for a weekend away from the inbox; an older link asks the person to comment again.
MAX_AGE = 7 * 24 * 3600


def confirm_token(comment_id):
    return signing.dumps(comment_id, salt=SALT)


def read_confirm_token(token):
    """The comment's id, or None for a link this site did not sign or one too old."""
    try:
        return int(signing.loads(token, salt=SALT, max_age=MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def confirm_url(comment_id, language):
    with translation.override(language):
        return absolute_url(reverse("consultations:confirm", args=[confirm_token(comment_id)]))
