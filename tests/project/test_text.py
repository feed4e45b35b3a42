import unicodedata

from core.text import fold, words


def test_fold_removes_vietnamese_diacritics_in_nfc_and_nfd():
    nfc = "Chuyển đổi số Đà Nẵng"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    assert fold(nfc) == fold(nfd) == "chuyen doi so da nang"
    assert len(fold(nfc)) == len(nfc)


def test_words_split_on_punctuation_and_fold():
    assert words("Make in DaNang: Sản phẩm số!") == ["make", "in", "danang", "san", "pham", "so"]
    assert words(None) == []
    assert fold("😀 zero\u200bwidth") == "😀 zero\u200bwidth"
