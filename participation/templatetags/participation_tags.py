"""Small pieces other apps' templates include: the rating box under an article, and a session's Q&A."""

from django import template
from django.utils import timezone

from participation import queries
from participation.forms import RatingForm

register = template.Library()


@register.inclusion_tag("participation/includes/article_rating.html", takes_context=True)
def article_rating(context, article):
    average, count, comments = queries.article_summary(article)
    request = context.get("request")
    return {
        "article": article,
        "average": average,
        "rounded": round(average) if average is not None else 0,
        "count": count,
        "comments": comments,
        # A form with errors comes back from the rating view in the page's context.
        "form": context.get("rating_form") or RatingForm(auto_id="rating_%s"),
        "rated": request is not None and request.GET.get("rated") == "1",
    }


@register.inclusion_tag("participation/includes/session_questions.html")
def session_questions(session):
    """While a session takes questions: a link to ask; once it is over: its answered questions."""
    now = timezone.now()
    ended = session.ends_at < now
    return {
        "session": session,
        "is_open": queries.qa_is_open(session, now),
        "answered": list(queries.answered_questions(session.pk)) if ended else [],
    }
