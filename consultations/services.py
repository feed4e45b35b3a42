"""Commenting on a consultation: sending a comment, confirming its e-mail address, moderating it.

A comment goes pending_confirmation → pending (its author followed the e-mail's link) → published or
rejected (a moderator decided); a moderator may later reverse the decision. No other step exists, so
nothing reaches the public page without both a confirmed address and a moderator.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from consultations import links
from consultations.forms import CONSENT_TEXT
from consultations.models import CommentStatus, ConsultationComment
from core import page_cache
from core.tasks import enqueue, render_plain_text, send_plain_email

MODERATION_STEPS = {
    CommentStatus.PENDING_CONFIRMATION: set(),  # only its author's confirmation moves it on
    CommentStatus.PENDING: {CommentStatus.PUBLISHED, CommentStatus.REJECTED},
    CommentStatus.PUBLISHED: {CommentStatus.REJECTED},
    CommentStatus.REJECTED: {CommentStatus.PUBLISHED},
}


class CommentRefused(Exception):
    """A comment the consultation cannot take, with a machine code and a sentence for people."""

    def __init__(self, code):
        self.code = code
        super().__init__(code)

    @property
    def message(self):
        if self.code == "not_open":
            return _("This consultation is not open for comments yet.")
        if self.code == "closed":
            return _("This consultation is closed: comments are no longer accepted.")
        return _("Choose a section of the draft.")


def submit_comment(page, data, *, language="vi", now=None):
    """Store a comment awaiting its author's confirmation, and e-mail them the link after commit."""
    now = now or timezone.now()
    stage = page.stage(now)
    if stage != "open":
        raise CommentRefused("not_open" if stage == "upcoming" else "closed")
    titles = dict(page.section_choices())
    if data["section"] not in titles:
        raise CommentRefused("section")
    with transaction.atomic():
        comment = ConsultationComment.objects.create(
            consultation=page,
            consultation_key=page.translation_key,
            section_id=data["section"],
            section_title=titles[data["section"]][:255],
            name=data["name"],
            email=data["email"],
            organisation=data.get("organisation", ""),
            text=data["text"],
            language=language,
            consent_at=now,
            consent_text=str(CONSENT_TEXT),
            consent_policy_version=settings.PRIVACY_POLICY_VERSION,
            created_at=now,
        )
        log(instance=comment, action="consultations.comment_sent", data={"consultation": page.pk})
        send_confirmation(comment, page.title)
    return comment


def send_confirmation(comment, consultation_title):
    with translation.override(comment.language):
        subject = _("Confirm your comment on “%(title)s”") % {"title": consultation_title}
        body = render_plain_text(
            "consultations/email/confirm_comment.txt",
            {
                "comment": comment,
                "consultation_title": consultation_title,
                "confirm_url": links.confirm_url(comment.pk, comment.language),
                "days": links.MAX_AGE // 86400,
            },
        )
    enqueue(send_plain_email, subject, body, [comment.email])


def confirm_comment(comment_id, *, now=None):
    """The author followed the link: the comment joins the moderators' queue. Harmless when repeated."""
    with transaction.atomic():
        comment = ConsultationComment.objects.select_for_update().filter(pk=comment_id).first()
        if comment is not None and comment.status == CommentStatus.PENDING_CONFIRMATION:
            comment.status, comment.confirmed_at = CommentStatus.PENDING, now or timezone.now()
            comment.save(update_fields=["status", "confirmed_at"])
            log(instance=comment, action="consultations.comment_confirmed")
    return comment


def moderate_comment(comment_id, status, *, user=None):
    """Publish or reject a confirmed comment (MODERATION_STEPS); the public page shows it at once."""
    with transaction.atomic():
        comment = ConsultationComment.objects.select_for_update().get(pk=comment_id)
        if status != comment.status:
            if status not in MODERATION_STEPS[comment.status]:
                raise ValidationError(step_refused(comment.status, status), code="moderation_step")
            old, comment.status, comment.moderated_at = comment.status, status, timezone.now()
            comment.save(update_fields=["status", "moderated_at"])
            log(
                instance=comment,
                action="consultations.comment_moderated",
                user=user,
                data={"from": old, "to": status},
            )
            page_cache.invalidate_on_commit()
    return comment


def step_refused(old, new):
    return _("A comment cannot go from “%(old)s” to “%(new)s”.") % {
        "old": CommentStatus(old).label,
        "new": CommentStatus(new).label,
    }
