from django.utils import translation

from core.translation import TranslatedField


class Thing:
    title = TranslatedField()

    def __init__(self, vi, en):
        self.title_vi, self.title_en = vi, en


def test_reads_the_active_language_and_falls_back_to_vietnamese():
    thing = Thing("Chuyển đổi số", "Digital transformation")
    with translation.override("en"):
        assert thing.title == "Digital transformation"
    with translation.override("vi"):
        assert thing.title == "Chuyển đổi số"
    untranslated = Thing("Chỉ tiếng Việt", "")
    with translation.override("en"):
        assert untranslated.title == "Chỉ tiếng Việt"
    assert isinstance(Thing.title, TranslatedField)
