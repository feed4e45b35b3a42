"""Thin views: ratings of articles, the Q&A of a session (audience, moderator, room screen), and feedback
on sessions."""

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from content.models import ArticlePage
from core.converters import parse_id
from core.ratelimit import over_limit
from core.responses import json_error, wants_json
from core.views import ratelimited
from events.models import Session
from events.queries import event_pages_by_source
from participation import links, queries, services
from participation.browser import browser_key, browser_token, identify, is_crawler, remember
from participation.forms import QuestionForm, RatingForm, SessionFeedbackForm
from participation.models import Moderation, Question, SessionFeedback
from registration.models import Ticket

SCREEN_QUESTIONS = 8


# The rating form sits on article pages served whole from the page cache, which must not set a CSRF
# cookie; nobody is logged in, so a forged POST can only add one rating for the forger's own browser,
# under the same rate limit as any other.
@csrf_exempt
@require_POST
def rate_article(request, pk):
    article = get_object_or_404(ArticlePage.objects.live().public().select_related("locale"), pk=pk)
    if over_limit(request, "participation.rating", "ARTICLE_RATING_RATE"):
        return ratelimited(request)
    form = RatingForm(request.POST)
    if not form.is_valid():
        context = article.get_context(request)
        context["rating_form"] = form
        return TemplateResponse(request, article.get_template(request), context, status=400)
    token, key, _new = identify(request)
    if not form.is_spam() and not is_crawler(request):
        services.rate_article(
            article,
            browser=key,
            stars=form.cleaned_data["stars"],
            comment=form.cleaned_data["comment"],
            language=article.locale.language_code,
        )
    # Post/redirect/get: a reload does not send the rating twice.
    return remember(request, redirect(article.get_url(request) + "?rated=1#article-rating"), token)


def _session(pk):
    session = Session.objects.filter(pk=pk, event__live=True).select_related("event", "room").first()
    if session is None:
        raise Http404
    return session


def _session_url(session):
    page = event_pages_by_source([session.event], get_language())[session.event_id]
    return f"{page.url}sessions/{session.slug}/"


def _qa_context(request, session, form=None, **extra):
    key = browser_key(token) if (token := browser_token(request)) else None
    return {
        "session": session,
        "session_url": _session_url(session),
        "questions": list(queries.public_questions(session.pk)),
        "voted": queries.voted_question_ids(session.pk, key),
        "is_open": queries.qa_is_open(session),
        "form": form or QuestionForm(),
        "asked": request.GET.get("asked") == "1",
        **extra,
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def qa(request, pk):
    """The audience's page: approved questions to upvote, and a question to ask while the session runs."""
    session = _session(pk)
    if request.method != "POST":
        return TemplateResponse(request, "participation/qa.html", _qa_context(request, session))
    if over_limit(request, "participation.question", "QUESTION_RATE"):
        return ratelimited(request)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, "participation/qa.html", _qa_context(request, session, form), status=400
        )
    token, key, _new = identify(request)
    if not form.is_spam() and not is_crawler(request):
        try:
            services.ask_question(
                session, browser=key, text=form.cleaned_data["text"], name=form.cleaned_data["name"]
            )
        except services.QuestionsClosed:
            context = _qa_context(request, session, form)
            return TemplateResponse(request, "participation/qa.html", context, status=409)
    url = reverse("participation:qa", args=[session.pk]) + "?asked=1#ask"
    return remember(request, redirect(url), token)


@never_cache
@require_POST
def qa_vote(request, pk, question):
    if over_limit(request, "participation.vote", "QUESTION_VOTE_RATE"):
        return ratelimited(request)
    token, key, _new = identify(request)
    if is_crawler(request):
        # Crawlers follow links and forms; they are not in the room.
        if wants_json(request):
            return json_error("forbidden", _("Automated clients cannot vote."), status=403)
        return redirect("participation:qa", pk)
    result = services.upvote(question, session_id=pk, browser=key)
    if result is None:
        raise Http404
    voted, counted = result
    if wants_json(request):
        response = JsonResponse({"id": voted.pk, "votes": voted.votes, "counted": counted})
    else:
        response = redirect(reverse("participation:qa", args=[pk]) + f"#question-{voted.pk}")
    return remember(request, response, token)


@require_GET
def qa_screen(request, pk):
    """The room's screen: large type, the top questions; its script refreshes them from the API."""
    session = _session(pk)
    questions = list(queries.public_questions(session.pk).filter(is_answered=False)[:SCREEN_QUESTIONS])
    context = {
        "session": session,
        "questions": questions,
        "qa_url": links.qa_url(session.pk),
        "api_url": reverse("api:session-questions", args=[session.pk]),
        "limit": SCREEN_QUESTIONS,
    }
    return TemplateResponse(request, "participation/qa_screen.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def qa_moderate(request, pk, key):
    """The host's view, opened with the secret link from the admin: approve, hide, answer, pin."""
    if not links.is_moderator_key(pk, key):
        raise Http404
    session = _session(pk)
    error = None
    if request.method == "POST":
        question_id, action = parse_id(request.POST.get("question")), request.POST.get("action")
        if question_id is None or action not in services.ACTIONS:
            error = _("Choose a question and an action.")
        else:
            try:
                services.moderate_question(question_id, action, session_id=pk)
            except Question.DoesNotExist as missing:
                raise Http404 from missing
            except ValidationError as problem:
                error = problem.messages[0]
            else:
                return redirect(request.path + f"#question-{question_id}")
    groups = queries.moderation_queue(session.pk)
    context = {
        "session": session,
        "pending": groups[Moderation.PENDING],
        "approved": groups[Moderation.APPROVED],
        "hidden": groups[Moderation.HIDDEN],
        "error": error,
        "screen_url": links.screen_url(session.pk),
        "qa_url": links.qa_url(session.pk),
    }
    return TemplateResponse(request, "participation/qa_moderate.html", context, status=400 if error else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def session_feedback(request, token):
    """The feedback form of one ticket for one session, opened by the signed link from the e-mail or the
    ticket page; only for a session the ticket was admitted to, once it has ended."""
    ids = links.read_feedback_token(token)
    if ids is None:
        raise Http404
    ticket = Ticket.objects.filter(pk=ids[0]).select_related("order").first()
    session = Session.objects.filter(pk=ids[1]).select_related("event", "room").first()
    if ticket is None or session is None:
        raise Http404
    existing = SessionFeedback.objects.filter(session=session, ticket=ticket).first()
    context = {"session": session, "token": token, "saved": request.GET.get("saved") == "1"}
    if request.method == "POST":
        if over_limit(request, "participation.feedback", "SESSION_FEEDBACK_RATE"):
            return ratelimited(request)
        form = SessionFeedbackForm(request.POST)
        if form.is_valid():
            try:
                services.give_feedback(ticket, session, language=get_language() or "vi", **form.cleaned_data)
            except services.FeedbackNotAllowed as refused:
                context.update(form=form, refused=refused.message)
                return TemplateResponse(request, "participation/session_feedback.html", context, status=403)
            return redirect(reverse("participation:session_feedback", args=[token]) + "?saved=1")
        context["form"] = form
        return TemplateResponse(request, "participation/session_feedback.html", context, status=400)
    if session.pk not in queries.admitted_session_ids(ticket):
        context["refused"] = services.FeedbackNotAllowed.message
        return TemplateResponse(request, "participation/session_feedback.html", context, status=403)
    initial = (
        {
            "rating": existing.rating,
            "most_useful": existing.most_useful,
            "should_change": existing.should_change,
        }
        if existing
        else {}
    )
    context.update(form=SessionFeedbackForm(initial=initial), existing=existing)
    return TemplateResponse(request, "participation/session_feedback.html", context)
