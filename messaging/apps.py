from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Messages to people")

    def ready(self):
        # Imported here: the registry and the signals need the models, which are ready only now.
        from messaging import personal_data, signals  # noqa: F401 - connects the receivers

        personal_data.register()
