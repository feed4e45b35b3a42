"""Rating an article, and moderating the comments that come with ratings."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core import page_cache
from participation.models import ArticleRating, Moderation

# Who may go where: a pending comment is approved or hidden; an approved one hidden, a hidden one
# approved. Nothing goes back to pending, and nothing unmoderated becomes public.
MODERATION_STEPS = {
    Moderation.PENDING: {Moderation.APPROVED, Moderation.HIDDEN},
    Moderation.APPROVED: {Moderation.HIDDEN},
    Moderation.HIDDEN: {Moderation.APPROVED},
}


def rate_article(article, *, browser, stars, comment="", language="vi"):
    """Record this browser's rating of the article (in any language); a second rating replaces the
    first. A comment waits for moderation; stars without one count at once. Returns (rating, created)."""
    comment = comment.strip()
    status = Moderation.PENDING if comment else Moderation.APPROVED
    key = article.translation_key
    with transaction.atomic():
        rating = (
            ArticleRating.objects.select_for_update().filter(translation_key=key, browser=browser).first()
        )
        created = rating is None
        if created:
            try:
                with transaction.atomic():  # a savepoint: the same browser's second tab may win the race
                    rating = ArticleRating.objects.create(
                        article=article,
                        translation_key=key,
                        browser=browser,
                        stars=stars,
                        comment=comment,
                        status=status,
                        language=language,
                    )
            except IntegrityError:
                rating = ArticleRating.objects.select_for_update().get(translation_key=key, browser=browser)
                created = False
        if not created:
            if rating.status == Moderation.HIDDEN:
                # A hidden rating stays hidden: rating again must not undo a moderator's decision.
                status = Moderation.HIDDEN
            elif comment == rating.comment:
                status = rating.status
            rating.stars, rating.comment, rating.status, rating.language = stars, comment, status, language
            rating.save(update_fields=["stars", "comment", "status", "language", "updated_at"])
        log(
            instance=rating,
            action="participation.article_rated",
            data={"article": article.pk, "stars": stars, "replaced": not created},
        )
    return rating, created


def moderate_rating(rating_id, status, *, user):
    """Approve or hide a rating's comment (MODERATION_STEPS); the public page shows the change at once."""
    with transaction.atomic():
        rating = ArticleRating.objects.select_for_update().get(pk=rating_id)
        if status != rating.status:
            if status not in MODERATION_STEPS[rating.status]:
                raise ValidationError(
                    _("A rating cannot go from “%(old)s” to “%(new)s”.")
                    % {"old": rating.get_status_display(), "new": Moderation(status).label},
                    code="moderation_step",
                )
            old, rating.status = rating.status, status
            rating.save(update_fields=["status", "updated_at"])
            log(
                instance=rating,
                action="participation.rating_moderated",
                user=user,
                data={"from": old, "to": status},
            )
            page_cache.invalidate_on_commit()
    return rating
