"""Small pieces other apps' templates include: the rating box under an article, a session's Q&A and
its public rating, and the feedback links on a ticket page."""

from django import template
from django.utils import timezone

from events.models import Session
from participation import links, queries
from participation.forms import RatingForm
from participation.models import SessionFeedback

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


@register.inclusion_tag("participation/includes/session_rating.html")
def session_rating(session):
    """The average of an ended session's feedback, once there are enough ratings to say nothing of anyone."""
    return {"rating": queries.public_session_rating(session)}


@register.inclusion_tag("participation/includes/ticket_feedback.html")
def ticket_feedback_links(ticket):
    """On the ticket page: a feedback link for each ended session the ticket was admitted to."""
    session_ids = queries.admitted_session_ids(ticket)
    if not session_ids:
        return {"sessions": []}
    given = set(
        SessionFeedback.objects.filter(ticket=ticket, session_id__in=session_ids).values_list(
            "session_id", flat=True
        )
    )
    sessions = Session.objects.filter(pk__in=session_ids).order_by("starts_at", "pk")
    return {
        "sessions": [
            {
                "session": session,
                "url": links.feedback_path(ticket.pk, session.pk),
                "given": session.pk in given,
            }
            for session in sessions
        ]
    }
