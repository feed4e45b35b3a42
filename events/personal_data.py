"""The programme's personal-looking fields, declared to `core.personal_data` (events/apps.py)."""

from django.utils.translation import gettext_lazy as _

from core import personal_data


def register():
    personal_data.exempt(
        "events.Speaker",
        _("Speakers' names and organisations are published in the programme with their agreement."),
    )
