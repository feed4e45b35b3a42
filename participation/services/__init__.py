"""State changes of citizens' participation, one module per process."""

from participation.services.feedback import FeedbackNotAllowed, give_feedback, send_feedback_invitations
from participation.services.questions import (
    ACTIONS,
    QuestionsClosed,
    ask_question,
    moderate_question,
    upvote,
)
from participation.services.ratings import MODERATION_STEPS, moderate_rating, rate_article

__all__ = [
    "ACTIONS",
    "FeedbackNotAllowed",
    "give_feedback",
    "send_feedback_invitations",
    "MODERATION_STEPS",
    "QuestionsClosed",
    "ask_question",
    "moderate_question",
    "moderate_rating",
    "rate_article",
    "upvote",
]
