from datetime import timedelta

import pytest

from events.models import Session
from tests.factories.events import SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def _form(data, instance=None):
    from wagtail.snippets.models import get_snippet_models

    get_snippet_models()  # registers the admin viewsets (wagtail_hooks) if not done yet
    form_class = Session.snippet_viewset.get_edit_handler().get_form_class()
    return form_class(data, instance=instance or Session())


def _data(event, room, starts, ends, speakers=(), **extra):
    data = {
        "event": event.pk,
        "title_vi": "Phiên mới",
        "title_en": "New session",
        "slug": "phien-moi",
        "session_type": "talk",
        "language": "vi",
        "level": "all",
        "starts_at": starts.astimezone().strftime("%Y-%m-%d %H:%M"),
        "ends_at": ends.astimezone().strftime("%Y-%m-%d %H:%M"),
        "room": room.pk if room else "",
        "speaker_links-TOTAL_FORMS": str(len(speakers)),
        "speaker_links-INITIAL_FORMS": "0",
        "speaker_links-MIN_NUM_FORMS": "0",
        "speaker_links-MAX_NUM_FORMS": "1000",
    }
    for index, speaker in enumerate(speakers):
        data[f"speaker_links-{index}-speaker"] = speaker.pk
        data[f"speaker_links-{index}-ORDER"] = str(index + 1)
        data[f"speaker_links-{index}-id"] = ""
    data.update(extra)
    return data


def _errors(form):
    assert not form.is_valid()
    messages = [str(e) for errors in form.errors.values() for e in errors]
    for formset in form.formsets.values():
        for child in formset.forms:
            messages += [str(e) for errors in child.errors.values() for e in errors]
    return " ".join(messages)


def test_valid_session_saves_with_speakers(programme):
    event, room = programme["event"], programme["rooms"][1]
    speaker = SpeakerFactory()
    start = event.starts_at + timedelta(hours=5)
    form = _form(_data(event, room, start, start + timedelta(minutes=30), [speaker]))
    assert form.is_valid(), form.errors
    session = form.save()
    assert session.speakers_in_order() == [speaker]


def test_session_ending_before_it_starts_is_refused(programme):
    event, room = programme["event"], programme["rooms"][1]
    start = event.starts_at + timedelta(hours=5)
    assert "Phiên phải kết thúc sau khi bắt đầu" in _errors(
        _form(_data(event, room, start, start - timedelta(minutes=30)))
    )


def test_session_outside_event_dates_is_refused(programme):
    event, room = programme["event"], programme["rooms"][1]
    start = event.ends_at + timedelta(hours=1)
    assert "nằm ngoài thời gian của sự kiện" in _errors(
        _form(_data(event, room, start, start + timedelta(minutes=30)))
    )


def test_double_booked_room_is_refused(programme):
    event, hall = programme["event"], programme["rooms"][0]
    start = event.starts_at + timedelta(minutes=15)  # the keynote is in Hall A until +60
    text = _errors(_form(_data(event, hall, start, start + timedelta(minutes=30))))
    assert "đã được xếp cho phiên" in text and "Khai mạc" in text


def test_double_booked_speaker_is_refused(programme):
    event, room = programme["event"], programme["rooms"][1]
    an = programme["speakers"][0]  # speaks at the keynote, 09:00-10:00
    start = event.starts_at + timedelta(minutes=95)
    assert _form(_data(event, room, start, start + timedelta(minutes=20), [an])).is_valid()
    start = event.starts_at + timedelta(minutes=40)
    text = _errors(_form(_data(event, None, start, start + timedelta(minutes=20), [an])))
    assert "đã có lịch trình bày tại phiên" in text and an.name in text


def test_room_of_another_event_is_refused(programme):
    from tests.factories.events import RoomFactory

    event = programme["event"]
    other_room = RoomFactory()
    start = event.starts_at + timedelta(hours=5)
    form = _form(_data(event, other_room, start, start + timedelta(minutes=30)))
    assert not form.is_valid() and "room" in form.errors  # only this event's rooms are offered


def test_editing_a_session_does_not_clash_with_itself(programme):
    keynote = programme["sessions"][0]
    data = _data(keynote.event, keynote.room, keynote.starts_at, keynote.ends_at, [], slug=keynote.slug)
    assert _form(data, instance=keynote).is_valid()


def test_admin_add_view_prefills_event_and_shows_errors(admin_client, programme):
    event = programme["event"]
    response = admin_client.get(f"/admin/snippets/events/session/add/?event={event.pk}")
    assert response.status_code == 200
    assert f'value="{event.pk}"' in response.content.decode()
    start = event.starts_at + timedelta(minutes=15)
    response = admin_client.post(
        "/admin/snippets/events/session/add/",
        _data(event, programme["rooms"][0], start, start + timedelta(minutes=30)),
    )
    assert response.status_code == 200
    assert "đã được xếp cho phiên" in response.content.decode()
    assert not Session.objects.filter(slug="phien-moi").exists()


def test_admin_session_list_filters_and_exports(admin_client, programme):
    response = admin_client.get(
        f"/admin/snippets/events/session/?event={programme['event'].pk}&session_type=panel"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thảo luận: kinh tế số" in html and "Khai mạc" not in html
    csv = admin_client.get("/admin/snippets/events/session/?export=csv")
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content).decode("utf-8")
    assert "Khai mạc và phát biểu chính" in body and "Nguyễn Thị Ánh, Trần Đức Bình" in body
    xlsx = admin_client.get("/admin/snippets/events/session/?export=xlsx")
    assert xlsx.status_code == 200
    import io

    import openpyxl

    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.max_row == 1 + len(programme["sessions"])


def test_event_edit_page_links_to_its_sessions(admin_client, programme):
    event = programme["event"]
    html = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert f"/admin/snippets/events/session/?event={event.pk}" in html


def test_moving_a_published_session_marks_it_changed_and_moves_the_version(client, programme):
    from events.models import schedule_version

    event, panel = programme["event"], programme["sessions"][1]
    before = schedule_version(event)
    assert panel.changed_at is None and panel.sequence == 0
    panel.title_en = "Panel: digital economy"
    panel.save()
    panel.refresh_from_db()
    assert panel.changed_at is None and panel.sequence == 1  # a new title is not a move
    panel.starts_at += timedelta(minutes=15)
    panel.ends_at += timedelta(minutes=15)
    panel.save()
    panel.refresh_from_db()
    assert panel.changed_at is not None and panel.sequence == 2
    assert schedule_version(event) > before
    html = client.get(event.url + "agenda/").content.decode()
    assert 'class="badge changed"' in html
    new = SessionFactory(event=event)
    assert new.changed_at is None


def test_event_listing_and_header_offer_its_sessions(admin_client, programme, event_en):
    event = programme["event"]
    listing = admin_client.get(f"/admin/pages/{event.get_parent().pk}/").content.decode()
    assert f"/admin/snippets/events/session/?event={event.pk}" in listing
    header = admin_client.get(f"/admin/pages/{event_en.pk}/edit/").content.decode()
    assert f"/admin/snippets/events/session/add/?event={event.pk}" in header  # the en page leads to vi rows
