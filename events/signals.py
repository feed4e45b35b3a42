"""Keep schedule versions, change markers and caches in step with edits made anywhere (admin, shell, demo)."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from events import services
from events.models import EventPage, Room, Session, SessionSpeaker, Speaker, Track


@receiver(pre_save, sender=Session)
def _session_changes(sender, instance, raw=False, **kwargs):
    if not raw:
        services.note_session_changes(instance)


@receiver(post_save, sender=Session)
@receiver(post_delete, sender=Session)
@receiver(post_save, sender=Room)
@receiver(post_delete, sender=Room)
@receiver(post_save, sender=Track)
@receiver(post_delete, sender=Track)
def _row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        services.bump_schedule_version(instance.event_id)


@receiver(post_save, sender=SessionSpeaker)
@receiver(post_delete, sender=SessionSpeaker)
def _speaker_link_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    event_id = Session.objects.filter(pk=instance.session_id).values_list("event_id", flat=True).first()
    services.bump_schedule_version(event_id)


@receiver(post_save, sender=Speaker)
def _speaker_changed(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return
    event_ids = set(
        Session.objects.filter(speaker_links__speaker=instance).values_list("event_id", flat=True).distinct()
    )
    for event_id in event_ids:
        services.bump_schedule_version(event_id)


@receiver(page_published)
@receiver(page_unpublished)
def _event_published(sender, instance, **kwargs):
    if isinstance(instance, EventPage):
        services.bump_schedule_version(instance.source_event.pk)
