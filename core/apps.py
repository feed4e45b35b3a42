from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared")

    def ready(self):
        # Imported here: these modules need the app registry, which is ready only now.
        from django.db.backends.signals import connection_created

        from core import page_cache
        from core.db import plan_once

        page_cache.connect()
        connection_created.connect(plan_once, dispatch_uid="core.db.plan_once")
