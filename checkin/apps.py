from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckinConfig(AppConfig):
    name = "checkin"
    verbose_name = _("Check-in")

    def ready(self):
        from checkin import checks, personal_data, signals  # noqa: F401  (after models load: registers checks, connects receivers)

        personal_data.register()
