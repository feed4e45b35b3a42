from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation")

    def ready(self):
        # Imported here: the registry entries need the models, which are ready only now.
        from participation import personal_data

        personal_data.register()
