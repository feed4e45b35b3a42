from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("Registration and check-in")

    def ready(self):
        # Imported here: the page cache needs the app registry, which is ready only now.
        from core import page_cache
        from registration import personal_data

        page_cache.watch("registration.TicketType", "registration.RegistrationSettings")
        personal_data.register()
