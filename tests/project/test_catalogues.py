"""Translations: one Vietnamese translation per concept across every catalogue.

Django merges the apps' catalogues into one, and the first app to translate a msgid wins everywhere:
two apps translating "category" differently made the ticket admin read "loại bài" (an article's
kind). A word with two meanings gets a context (`pgettext`), so each concept keeps its own entry.
"""

from collections import defaultdict
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]


def catalogues():
    return sorted(p for p in ROOT.glob("*/locale/vi/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def test_every_app_and_core_and_site_have_a_vietnamese_catalogue():
    owners = {path.relative_to(ROOT).parts[0] for path in catalogues()}
    assert {"core", "site", "content", "events", "registration", "checkin", "exhibitors"} <= owners


def test_each_msgid_has_one_vietnamese_translation_and_none_is_missing():
    translations = defaultdict(dict)
    missing = []
    for path in catalogues():
        owner = path.relative_to(ROOT).parts[0]
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            if not entry.translated():
                missing.append((owner, entry.msgctxt, entry.msgid))
                continue
            translations[(entry.msgctxt, entry.msgid)][owner] = entry.msgstr or entry.msgstr_plural
    assert missing == []
    disagreeing = {
        key: by_app for key, by_app in translations.items() if len({str(v) for v in by_app.values()}) > 1
    }
    assert disagreeing == {}
