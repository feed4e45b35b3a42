from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        # Imported here: the registry entries need the models, which are ready only now.
        from certificates import personal_data

        personal_data.register()
