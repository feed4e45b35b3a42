from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Public consultations")

    def ready(self):
        # Imported here: the registry entries need the models, which are ready only now.
        from consultations import personal_data

        personal_data.register()
