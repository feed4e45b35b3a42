"""The topics of a support request, apart from the models so that the support form (which the
support page shows) can offer them without importing the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SupportTopic(models.TextChoices):
    REGISTRATION = "registration", _("Registration and tickets")
    PROGRAMME = "programme", _("Programme and sessions")
    EXHIBITING = "exhibiting", _("Exhibiting and Make in DaNang products")
    PUBLIC_SERVICES = "public_services", _("Using public digital services")
    PERSONAL_DATA = "personal_data", _("Personal data")
    OTHER = "other", _("Something else")
