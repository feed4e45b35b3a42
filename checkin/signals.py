"""Keep each check-in list's copy of its admitted ticket type ids in step with the M2M."""

from django.db.models.signals import m2m_changed, post_delete
from django.dispatch import receiver

from checkin.models import CheckInList


def refresh_admitted_types(checkin_list_ids):
    for checkin_list in CheckInList.objects.filter(pk__in=checkin_list_ids).prefetch_related("ticket_types"):
        ids = sorted(ticket_type.pk for ticket_type in checkin_list.ticket_types.all())
        if ids != checkin_list.admitted_type_ids:
            CheckInList.objects.filter(pk=checkin_list.pk).update(admitted_type_ids=ids)


@receiver(m2m_changed, sender=CheckInList.ticket_types.through)
def ticket_types_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        refresh_admitted_types([instance.pk])
        instance.admitted_type_ids = sorted(instance.ticket_types.values_list("pk", flat=True))
    elif action == "post_clear":
        # A ticket type lost all its lists: refresh every list (rare, admin only).
        refresh_admitted_types(CheckInList.objects.values_list("pk", flat=True))
    else:
        refresh_admitted_types(pk_set or [])


@receiver(post_delete, sender="registration.TicketType")
def ticket_type_deleted(sender, instance, **kwargs):
    """A deleted type leaves the M2M without m2m_changed: drop its id from the lists' copies."""
    for checkin_list in CheckInList.objects.filter(event_id=instance.event_id).only(
        "pk", "admitted_type_ids"
    ):
        if instance.pk in checkin_list.admitted_type_ids:
            refresh_admitted_types([checkin_list.pk])
