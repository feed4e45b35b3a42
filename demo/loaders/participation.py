"""Demo participation: ratings (some with moderated comments) on most articles, questions with votes
at the sessions of past editions, and attendees' feedback on the previous edition's sessions.

Data: demo/data/participation/. Idempotent: an article that already has ratings, or a session that
already has questions, is left as it is.
"""

import hashlib
from datetime import datetime, time, timedelta

from django.utils import timezone

from checkin.models import CheckIn, CheckInList, CheckInType
from content.models import ArticlePage
from demo.files import read
from events.models import EventPage, Session
from participation.models import ArticleRating, Moderation, Question, QuestionVote, SessionFeedback
from registration.models import Ticket, TicketStatus


def _browser(*parts):
    """A stable stand-in for a browser's key (the real ones are hashes of a cookie)."""
    return hashlib.sha256("demo:".join(map(str, parts)).encode()).hexdigest()


def load(scale, rng, log):
    ratings = load_ratings(read("participation", "ratings"), rng)
    questions = load_questions(read("participation", "questions"), rng)
    feedback = load_feedback(read("participation", "feedback"), rng)
    log(f"  {ratings} article ratings, {questions} questions at past sessions, {feedback} session feedback")


def load_ratings(data, rng):
    articles = list(ArticlePage.objects.filter(locale__language_code="vi").order_by("pk"))
    already = set(ArticleRating.objects.values_list("translation_key", flat=True).distinct())
    weights = data["stars_weights"]
    low, high = data["ratings_per_article"]
    rows = []
    for article in articles:
        if rng.random() > data["share_of_articles_rated"] or article.translation_key in already:
            continue
        count = rng.randint(low, high)
        stars = rng.choices([int(s) for s in weights], weights=list(weights.values()), k=count)
        comments = rng.sample(data["comments"], k=min(2, len(data["comments"])))
        for index in range(count):
            row = ArticleRating(
                article=article,
                translation_key=article.translation_key,
                browser=_browser(article.pk, index),
                stars=stars[index],
                status=Moderation.APPROVED,
                created_at=timezone.now() - timedelta(days=rng.randint(0, 60)),
            )
            if index < len(comments):
                row.stars, row.comment, row.status = (
                    comments[index]["stars"],
                    comments[index]["comment"],
                    comments[index]["status"],
                )
            rows.append(row)
    ArticleRating.objects.bulk_create(rows)
    return len(rows)


def load_questions(data, rng):
    sessions = list(
        Session.objects.filter(ends_at__lt=timezone.now(), event__live=True)
        .exclude(session_type="break")
        .exclude(questions__isnull=False)
        .order_by("-starts_at", "id")[: data["sessions_with_questions"]]
    )
    created = 0
    for session in sessions:
        picked = rng.sample(data["questions"], k=rng.randint(4, len(data["questions"])))
        for index, spec in enumerate(picked):
            question = Question.objects.create(
                session=session,
                text=spec["text"],
                name=spec["name"],
                browser=_browser(session.pk, "asker", index),
                status=spec["status"],
                is_answered=spec["answered"],
                votes=spec["votes"],
                created_at=session.starts_at + timedelta(minutes=5 + 3 * index),
            )
            QuestionVote.objects.bulk_create(
                QuestionVote(question=question, browser=_browser(question.pk, "voter", n))
                for n in range(spec["votes"])
            )
            created += 1
    return created


def load_feedback(data, rng):
    """Feedback on the previous edition's sessions from its attendees, who are first admitted at the gate
    on the session's day (feedback is only for admitted tickets). An edition with feedback is left alone."""
    now = timezone.now()
    event = (
        EventPage.objects.filter(locale__language_code="vi", event_type="digital_day", ends_at__lt=now)
        .order_by("-starts_at")
        .first()
    )
    if event is None or SessionFeedback.objects.filter(session__event=event).exists():
        return 0
    tickets = list(Ticket.objects.filter(order__event=event, status=TicketStatus.VALID).order_by("pk"))
    sessions = list(
        Session.objects.filter(event=event, ends_at__lt=now)
        .exclude(session_type="break")
        .order_by("starts_at")
    )
    if not tickets or not sessions:
        return 0
    gate, _created = CheckInList.objects.get_or_create(event=event, session=None, name="Cổng chính")
    days = sorted({timezone.localdate(session.starts_at) for session in sessions})
    for day in days:
        opening = timezone.make_aware(datetime.combine(day, time(7, 30)))
        CheckIn.objects.bulk_create(
            CheckIn(ticket=ticket, checkin_list=gate, type=CheckInType.ENTRY, created_at=opening)
            for ticket in tickets
        )
    weights = data["rating_weights"]
    rows = []
    for session in sessions:
        for ticket in tickets:
            if rng.random() > data["share_of_attendees_per_session"]:
                continue
            rows.append(
                SessionFeedback(
                    session=session,
                    ticket=ticket,
                    rating=rng.choices([int(r) for r in weights], weights=list(weights.values()))[0],
                    most_useful=rng.choice(data["most_useful"]),
                    should_change=rng.choice(data["should_change"]),
                    created_at=session.ends_at + timedelta(hours=rng.randint(1, 30)),
                )
            )
    SessionFeedback.objects.bulk_create(rows)
    return len(rows)
