from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Messages to people")

    def ready(self):
        # Imported here: the registry needs the models, which are ready only now.
        from messaging import personal_data

        personal_data.register()
