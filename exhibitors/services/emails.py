"""The showcase's e-mails: bilingual (Vietnamese first, then English), sent once the transaction commits."""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.links import absolute_url
from core.tasks import enqueue, render_plain_text, send_plain_email


def send_email(template, to, context):
    """Render `exhibitors/emails/<template>.txt` (first line: subject) in both languages and queue it."""
    bodies, subject = [], ""
    for language in ("vi", "en"):
        with translation.override(language):
            text = render_plain_text(f"exhibitors/emails/{template}.txt", {**context, "language": language})
            first, _sep, rest = text.strip().partition("\n")
            subject = subject or first.strip()
            bodies.append(rest.strip())
    body = "\n\n----------\n\n".join(bodies)
    enqueue(send_plain_email, subject, body, [to])


def invitation_url(user, language="vi"):
    """The signed, single-use link where an invited portal user sets a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with translation.override(language):
        return absolute_url(reverse("exhibitors:portal_invitation", kwargs={"uidb64": uid, "token": token}))


def portal_url():
    return absolute_url(reverse("exhibitors:portal_home"))
