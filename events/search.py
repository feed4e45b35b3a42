"""Accent-insensitive matching for Vietnamese ("Đà Nẵng" matches "da nang").

Private copy until the shared `config.text.fold` exists; same behaviour: NFD, strip combining marks,
đ→d, lowercase.
"""

import unicodedata


def fold(text):
    """Lowercase `text` without diacritics, so "Nguyễn Đức" and "nguyen duc" compare equal."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def folded_terms(query):
    """The words of a search query, folded; empty words dropped."""
    return [word for word in fold(query).split() if word]
