from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self):
        # Imported here: both need the app registry, which is ready only now.
        from content import personal_data, signals
        from core import page_cache

        signals.connect()
        personal_data.register()
        page_cache.watch("wagtailcore.Site", "content.SiteContactSettings", "content.NavigationSettings")
