from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Programme")

    def ready(self):
        # Imported here: both need the app registry, which is ready only now.
        from core import page_cache
        from events import personal_data, signals  # noqa: F401

        personal_data.register()

        page_cache.watch(
            "events.Room",
            "events.Track",
            "events.Speaker",
            "events.Session",
            "events.SessionSpeaker",
            "events.FloorPlan",
            "events.MapPoint",
        )
