from django.apps import AppConfig
from django.core.checks import register
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared")

    def ready(self):
        # Imported here: the page cache imports Wagtail's models, which need the app registry.
        from core import page_cache
        from core.db import plan_once
        from core.ratelimit import check_rate_settings

        page_cache.connect()
        register(check_rate_settings)
        connection_created.connect(plan_once, dispatch_uid="core.db.plan_once")
