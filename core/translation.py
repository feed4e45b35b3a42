"""Bilingual fields for models that are not Wagtail pages (sessions, speakers, products…).

Pages are translated as whole pages (wagtail-localize). Rows that many parts of the system share
(a session has one capacity, one check-in list) keep both languages side by side instead:
`title_vi` and `title_en`, read through `title = TranslatedField()`.
"""

from django.conf import settings
from django.utils.translation import get_language


class TranslatedField:
    """The `<name>_<language>` value for the active language, falling back to Vietnamese."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner):
        if instance is None:
            return self
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        value = getattr(instance, f"{self.name}_{language}", None)
        return value or getattr(instance, f"{self.name}_{settings.LANGUAGE_CODE}")
