"""What citizens say: article ratings, questions (with their votes) at sessions, and feedback on sessions.

Nobody logs in to take part: a browser is known by a random token in a long-lived cookie, stored here
only as its SHA-256 (`browser`), which is what makes "one rating per browser per article" and "one vote
per browser per question" constraints of the database.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Moderation(models.TextChoices):
    """Nothing a visitor writes is public before an editor approves it."""

    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    HIDDEN = "hidden", _("Hidden")


class ArticleRating(models.Model):
    """1–5 stars (and perhaps a short comment) on a news article or success story."""

    article = models.ForeignKey(
        "content.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="ratings"
    )
    # The article in every language: the vi page and its en translation share one average.
    translation_key = models.UUIDField(editable=False, db_index=True)
    browser = models.CharField(max_length=64, editable=False)
    stars = models.PositiveSmallIntegerField(_("stars"))
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    status = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    language = models.CharField(_("language"), max_length=8, default="vi")
    created_at = models.DateTimeField(_("rated at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("article rating")
        verbose_name_plural = _("article ratings")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["translation_key", "browser"], name="participation_one_rating"),
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="participation_rating_stars"
            ),
        ]

    def __str__(self):
        return f"{self.article.title} · {self.stars}★"


class Question(models.Model):
    """A question from the audience of a session, shown once its moderator approves it."""

    session = models.ForeignKey(
        "events.Session", verbose_name=_("session"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.TextField(_("question"), max_length=300)
    name = models.CharField(_("name"), max_length=80, blank=True, help_text=_("Optional; shown with it."))
    browser = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    is_answered = models.BooleanField(_("answered"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    votes = models.PositiveIntegerField(_("votes"), default=0, editable=False)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        # Pinned first, then the most wanted, then the oldest: the order of the room's screen.
        ordering = ["-is_pinned", "-votes", "created_at", "id"]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return self.text[:60]


class QuestionVote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="vote_rows")
    browser = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["question", "browser"], name="participation_one_vote"),
        ]

    def __str__(self):
        return f"{self.question_id} ▲"


class SessionFeedback(models.Model):
    """An admitted attendee's rating of a session after it ended (one per ticket per session), with two
    optional answers that only organisers read."""

    session = models.ForeignKey(
        "events.Session", verbose_name=_("session"), on_delete=models.CASCADE, related_name="feedback"
    )
    ticket = models.ForeignKey(
        "registration.Ticket",
        verbose_name=_("ticket"),
        on_delete=models.CASCADE,
        related_name="session_feedback",
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    most_useful = models.TextField(_("what was most useful"), max_length=1000, blank=True)
    should_change = models.TextField(_("what should change"), max_length=1000, blank=True)
    language = models.CharField(_("language"), max_length=8, default="vi")
    created_at = models.DateTimeField(_("rated at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("session feedback")
        verbose_name_plural = _("session feedback")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "ticket"], name="participation_one_feedback"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="participation_feedback_rating"
            ),
        ]

    def __str__(self):
        return f"{self.session} · {self.rating}/5"


class FeedbackInvitation(models.Model):
    """The one e-mail a ticket gets after a day of sessions, asking for feedback: sent at most once."""

    ticket = models.ForeignKey(
        "registration.Ticket", on_delete=models.CASCADE, related_name="feedback_invitations"
    )
    day = models.DateField(_("day"))
    sessions = models.PositiveSmallIntegerField(_("sessions to rate"), default=0)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback invitation")
        verbose_name_plural = _("feedback invitations")
        constraints = [
            models.UniqueConstraint(fields=["ticket", "day"], name="participation_one_invitation_a_day"),
        ]

    def __str__(self):
        return f"{self.ticket_id} · {self.day}"
