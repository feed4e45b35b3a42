from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckinConfig(AppConfig):
    name = "checkin"
    verbose_name = _("Check-in")

    def ready(self):
        from django.db.backends.signals import connection_created

        from checkin import checks, signals  # noqa: F401  (registers the checks, connects the receivers)
        from config.db import plan_once

        connection_created.connect(plan_once, dispatch_uid="config.db.plan_once")
