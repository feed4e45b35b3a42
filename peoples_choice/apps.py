from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeoplesChoiceConfig(AppConfig):
    name = "peoples_choice"
    verbose_name = _("People's choice")

    def ready(self):
        # Imported here: the registry entry needs the models, which are ready only now.
        from peoples_choice import personal_data

        personal_data.register()
