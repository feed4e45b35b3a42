"""Factories for the programme: event pages (under the events index), rooms, tracks, speakers, sessions.

Other apps' tests use these: keep names and signatures stable.
"""

from datetime import timedelta

import factory
from django.utils import timezone
from wagtail.models import Locale

from events.models import EventIndexPage, EventPage, Room, Session, SessionSpeaker, Speaker, Track


def events_index():
    """The vi events index under the vi home page (made with the home pages when missing)."""
    from content.models import HomePage
    from tests.factories.content import make_home_pages

    home = HomePage.objects.filter(locale__language_code="vi").first()
    if home is None:
        home, _ = make_home_pages()
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=EventIndexPage(title="Sự kiện", slug="su-kien", locale=home.locale))
        index.save_revision().publish()
    return index


def translate_event(event, title=None, language="en"):
    """Publish the en translation of a vi event page (and of its parents when missing)."""
    locale, _ = Locale.objects.get_or_create(language_code=language)
    existing = event.get_translations().filter(locale=locale).first()
    if existing:
        return existing.specific
    translated = event.copy_for_translation(locale, copy_parents=True)
    translated.title = title or f"{event.title} (EN)"
    translated.save_revision().publish()
    for ancestor in translated.get_ancestors().filter(live=False).specific():
        ancestor.save_revision().publish()
    return EventPage.objects.get(pk=translated.pk)


class EventPageFactory(factory.django.DjangoModelFactory):
    """A published vi event page; pass `parent=` to put it elsewhere than the events index."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Hội thảo chuyển đổi số {n}")
    slug = factory.Sequence(lambda n: f"su-kien-{n}")
    summary = "Hội thảo về chuyển đổi số cho người dân và doanh nghiệp."
    event_type = "conference"
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=30)).replace(hour=1, minute=0, second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=9))
    venue_name = "Trung tâm Hành chính thành phố Đà Nẵng"
    venue_address = "24 Trần Phú, Hải Châu, Đà Nẵng"
    organiser = "Sở Khoa học và Công nghệ Đà Nẵng"

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        parent = parent or events_index()
        kwargs.setdefault("locale", parent.locale)
        page = model_class(**kwargs)
        parent.add_child(instance=page)
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        return page


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    event = factory.SubFactory(EventPageFactory)
    name_vi = factory.Sequence(lambda n: f"Phòng {n}")
    name_en = factory.Sequence(lambda n: f"Room {n}")
    capacity = 100
    sort_order = factory.Sequence(lambda n: n)


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    event = factory.SubFactory(EventPageFactory)
    name_vi = factory.Sequence(lambda n: f"Chủ đề {n}")
    name_en = factory.Sequence(lambda n: f"Track {n}")
    colour = "#0b5cad"
    sort_order = factory.Sequence(lambda n: n)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    slug = factory.Sequence(lambda n: f"nguyen-van-{n}")
    job_title_vi = "Giám đốc"
    job_title_en = "Director"
    organisation = "Công ty Phần mềm Đà Nẵng"
    bio_vi = "Chuyên gia chuyển đổi số."
    bio_en = "Digital transformation expert."


class SessionFactory(factory.django.DjangoModelFactory):
    """A 45-minute talk on the event's first day; `speakers=[...]` attaches speakers in order."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    event = factory.SubFactory(EventPageFactory)
    title_vi = factory.Sequence(lambda n: f"Phiên thảo luận {n}")
    title_en = factory.Sequence(lambda n: f"Session {n}")
    slug = factory.Sequence(lambda n: f"phien-{n}")
    abstract_vi = "Nội dung phiên."
    abstract_en = "What the session is about."
    session_type = "talk"
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at + timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=45))
    room = factory.SubFactory(RoomFactory, event=factory.SelfAttribute("..event"))
    track = None
    language = "vi"

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        for order, speaker in enumerate(extracted or []):
            SessionSpeaker.objects.create(session=self, speaker=speaker, sort_order=order)
