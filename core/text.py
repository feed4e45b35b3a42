"""Text helpers every app shares: Vietnamese accent folding for search."""

import re
import unicodedata

from django.db.models import Q

_COMBINING = re.compile(r"[\u0300-\u036f]")
# Letters whose base is not reached by stripping combining marks.
_SPECIAL = {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"}
_NON_WORD = re.compile(r"[^\w]+")


def _fold_char(char):
    if char in _SPECIAL:
        return _SPECIAL[char]
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", char))
    return stripped if len(stripped) == 1 else char


def fold(text):
    """Lower-case `text` without diacritics (đ→d), NFC and NFD input alike: `Chuyển Đổi` → `chuyen doi`.

    Each character of NFC text folds to exactly one character, so positions in the folded text match
    positions in the original (search results use this to highlight matches).
    """
    text = unicodedata.normalize("NFC", str(text or ""))
    return "".join(_fold_char(char) for char in text).lower()


def words(text):
    """The folded words of `text`, in order: what a search index stores and a query is split into."""
    return [word for word in _NON_WORD.split(fold(text)) if word]


def folded_document(text):
    """What a folded search column stores: the folded words of `text` between single spaces, with a space
    at each end, so that `LIKE '% word%'` finds every word that begins with `word` (and only those) on
    every database: `“Tôm” (AI/IoT)` → ` tom ai iot `."""
    return " " + " ".join(words(text)) + " "


def words_begin(field, terms):
    """A filter: each of the (folded) `terms` begins a word of the `folded_document` in `field`."""
    return Q(*(Q(**{f"{field}__contains": " " + term}) for term in terms))
