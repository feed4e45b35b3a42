"""Sessions moved after publication: collect the change for the seat holders' e-mail (see services)."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from events.models import Session

from . import services


@receiver(pre_save, sender=Session)
def _session_moving(sender, instance, raw=False, **kwargs):
    if not raw:
        services.note_session_change(instance)
