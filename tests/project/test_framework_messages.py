"""Django's and DRF's own messages speak Vietnamese on Vietnamese pages and API answers.

Django's Vietnamese catalogue leaves about 80 messages untranslated ("Null characters are not
allowed.") and DRF's translates 20 of its 125; core/framework_messages.py lists the rest so that
core's catalogue translates them.
"""

from pathlib import Path

import django
import polib
import pytest
import rest_framework
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
DJANGO = Path(django.__file__).parent
DRF = Path(rest_framework.__file__).parent

# Django's "it worked!" page, shown only by a project without URLs (the catalogue keeps no file names).
WELCOME_PAGE = (
    "Django: the Web framework",
    "View <a href=",
    "The install worked successfully!",
    "You are seeing this page because <a href=",
    "Django Documentation",
    "Topics, references, &amp; how-to",
    "Tutorial: A Polling App",
    "Get started with Django",
    "Django Community",
    "Connect, get help, or contribute",
)


def translated(entries):
    return {(e.msgctxt, e.msgid) for e in entries if e.msgstr or any((e.msgstr_plural or {}).values())}


def test_every_django_and_drf_message_has_a_vietnamese_translation():
    django_vi = polib.pofile(str(DJANGO / "conf/locale/vi/LC_MESSAGES/django.po"))
    drf_messages = polib.mofile(str(DRF / "locale/en/LC_MESSAGES/django.mo"))
    ours = polib.pofile(str(ROOT / "core/locale/vi/LC_MESSAGES/django.po"))
    known = (
        translated(e for e in django_vi if not e.fuzzy)
        | translated(polib.mofile(str(DRF / "locale/vi/LC_MESSAGES/django.mo")))
        | translated(e for e in ours if not e.fuzzy and not e.obsolete)
    )
    welcome = {(e.msgctxt, e.msgid) for e in django_vi if e.msgid.startswith(WELCOME_PAGE)}
    assert len(welcome) == len(WELCOME_PAGE)
    wanted = {(e.msgctxt, e.msgid) for e in django_vi if not e.obsolete} | {
        (e.msgctxt, e.msgid) for e in drf_messages if e.msgid
    }
    assert len(wanted) > 400  # both catalogues were read
    assert sorted(wanted - welcome - known) == []


@pytest.mark.parametrize(
    "message, vietnamese",
    [
        ("Null characters are not allowed.", "Không được dùng ký tự rỗng (null)."),
        ("Authentication credentials were not provided.", "Chưa có thông tin xác thực."),
        ("Invalid page.", "Trang không hợp lệ."),
        ("Request was throttled.", "Yêu cầu bị từ chối vì gửi quá nhiều."),
        ("A valid integer is required.", "Cần một số nguyên hợp lệ."),
    ],
)
def test_the_merged_catalogue_uses_core_s_translations(message, vietnamese):
    with translation.override("vi"):
        assert translation.gettext(message) == vietnamese
    with translation.override("en"):
        assert translation.gettext(message) == message


@pytest.mark.django_db
def test_an_api_call_without_credentials_answers_in_the_callers_language(client):
    vi = client.get("/api/v1/checkin/lists/", HTTP_ACCEPT_LANGUAGE="vi")
    assert vi.status_code == 401
    assert vi.json()["detail"] == "Chưa có thông tin xác thực."
    en = client.get("/api/v1/checkin/lists/", HTTP_ACCEPT_LANGUAGE="en")
    assert en.json()["detail"] == "Authentication credentials were not provided."
