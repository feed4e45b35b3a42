"""The programme's fixed vocabularies, apart from the models so that agenda and export code can use
them without importing the models (the event page's routes import that code)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    DIGITAL_DAY = "digital_day", _("Digital Transformation Day")
    CONFERENCE = "conference", _("Conference")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    SKILLS_CLASS = "skills_class", _("Digital-skills class")


class EventStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    ONGOING = "ongoing", _("Happening now")
    PAST = "past", _("Past")
    CANCELLED = "cancelled", _("Cancelled")


class SessionType(models.TextChoices):
    KEYNOTE = "keynote", _("Keynote")
    TALK = "talk", _("Talk")
    PANEL = "panel", _("Panel discussion")
    WORKSHOP = "workshop", _("Workshop")
    DEMO = "demo", _("Demo")
    PRODUCT_LAUNCH = "product_launch", _("Product launch")
    CEREMONY = "ceremony", _("Ceremony")
    BREAK = "break", _("Break")


class SessionLanguage(models.TextChoices):
    VI = "vi", _("Vietnamese")
    EN = "en", _("English")
    BOTH = "both", _("Vietnamese and English")


class SessionLevel(models.TextChoices):
    ALL = "all", _("Everyone")
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")
