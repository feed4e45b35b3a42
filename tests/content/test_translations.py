"""The translation catalogues of the content app and of the shared site templates."""

from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "catalogue", ["site/locale/vi/LC_MESSAGES/django.po", "content/locale/vi/LC_MESSAGES/django.po"]
)
def test_catalogues_are_complete_and_compiled(catalogue):
    import polib

    po = polib.pofile(str(ROOT / catalogue))
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []
    # The compiled file says the same as the source (someone edited the .po and forgot compilemessages).
    mo = polib.mofile(str(ROOT / catalogue.replace(".po", ".mo")))
    compiled = {entry.msgid: entry.msgstr for entry in mo if not entry.msgid_plural}
    assert {e.msgid: e.msgstr for e in po if not e.msgid_plural and not e.obsolete} == compiled


def test_site_catalogue_holds_only_the_shared_templates():
    # An app without its own locale/ folder that runs makemessages writes into site/locale instead.
    import polib

    po = polib.pofile(str(ROOT / "site/locale/vi/LC_MESSAGES/django.po"))
    sources = {path for entry in po for path, _ in entry.occurrences}
    assert sources and all(path.startswith("templates/") for path in sources), sorted(sources)[:5]


def test_shared_templates_speak_vietnamese():
    with translation.override("vi"):
        assert translation.gettext("Skip to content") == "Bỏ qua, đến nội dung chính"
        assert translation.gettext("Page not found") == "Không tìm thấy trang"
        assert translation.gettext("Something went wrong") == "Đã có lỗi xảy ra"
