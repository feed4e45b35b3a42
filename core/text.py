"""Text helpers every app shares: Vietnamese accent folding for search, and names as people type them."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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


# Invisible characters that reorder the text around them: U+202E shows "Lan\u202egnaoH" as "LanHoang"
# backwards, and an unclosed one reverses whatever follows the name on a ticket, list or badge.
BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def refuse_bidi_controls(value):
    """A validator: names never hold text-direction control characters (U+202A–U+202E, U+2066–U+2069,
    U+200E, U+200F)."""
    if any(char in BIDI_CONTROLS for char in str(value or "")):
        raise ValidationError(
            _("Remove the invisible text-direction characters (such as U+202E) from this name."),
            code="bidi_control",
        )


def normalise_name(value):
    """A name in NFC, trimmed, so that names typed on different keyboards (NFD) compare and search alike."""
    return unicodedata.normalize("NFC", str(value or "")).strip()


class NameField(forms.CharField):
    """A person's, organisation's, company's or product's name: NFC, trimmed, no text-direction controls."""

    default_validators = [refuse_bidi_controls]

    def to_python(self, value):
        return normalise_name(super().to_python(value))
