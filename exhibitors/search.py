"""Accent-insensitive search for the catalogue and the directory.

The folded text is stored on each exhibitor and product (`search_text`) so the database filters it with
a plain `LIKE '%word%'`, which behaves the same on SQLite and PostgreSQL and needs no extension.
"""

from core.text import fold, folded_document, words, words_begin

__all__ = ["fold", "folded_document", "search_terms", "with_search_text", "words_begin"]


def search_terms(query):
    """The folded words of a visitor's query (each must appear somewhere in the product's text)."""
    return words(query)[:8]


def with_search_text(save_kwargs):
    """`save()` arguments that also write `search_text` when only some fields are saved."""
    update_fields = save_kwargs.get("update_fields")
    if update_fields is not None and "search_text" not in update_fields:
        save_kwargs["update_fields"] = [*update_fields, "search_text"]
    return save_kwargs
