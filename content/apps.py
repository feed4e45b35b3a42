from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self):
        from config import page_cache  # noqa: F401 (connects the page cache's invalidation signals)
        from content import signals

        signals.connect()
