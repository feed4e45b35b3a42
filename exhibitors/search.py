"""Accent-insensitive search for the catalogue.

The folded text is stored on each product (`Product.search_text`) so the database filters it with a
plain `LIKE '%word%'`, which behaves the same on SQLite and PostgreSQL and needs no extension.
"""

from core.text import fold, words

__all__ = ["fold", "search_terms"]


def search_terms(query):
    """The folded words of a visitor's query (each must appear somewhere in the product's text)."""
    return words(query)[:8]
