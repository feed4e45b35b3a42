"""Vietnamese-aware, accent-insensitive site search that behaves the same on SQLite and PostgreSQL.

Neither database's full-text search folds Vietnamese diacritics by itself, so every live page keeps an
accent-folded, lower-case copy of its searchable text (`SearchText`), and queries are folded the same
way: `chuyen doi so` finds `Chuyển đổi số`. Matching is a word-prefix `LIKE`, identical on both
databases; ranking and highlighting happen in Python over the (small) set of matching pages.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Page
from wagtail.search.index import RelatedFields, SearchField

from content.models import SearchText
from core.text import fold, folded_document, words


class _FoldedCharacters(dict):
    """`fold` of each character, worked out the first time it is met and then remembered, as a
    str.translate table: translate runs in C, which matters when highlighting long pages. Only
    characters that fold to something other than their lower case are changed; lower() does the rest,
    over the whole text, as `fold` does."""

    def __missing__(self, code):
        char = chr(code)
        folded = fold(char)
        self[code] = folded if folded != char.lower() else char
        return self[code]


_FOLDED_CHARACTERS = _FoldedCharacters()


def fast_fold(text):
    """`fold` for NFC text, via the remembered characters (same result, tested)."""
    return unicodedata.normalize("NFC", text).translate(_FOLDED_CHARACTERS).lower()


__all__ = ["fold", "words", "folded_document", "index_page", "search_pages", "highlight", "rebuild_index"]


def page_text(page):
    """Title and body text of any page, from its own `search_fields` (as Wagtail's index sees them)."""

    def values(obj, fields):
        for field in fields:
            if isinstance(field, SearchField):
                value = field.get_value(obj)
                yield field.field_name, value
            elif isinstance(field, RelatedFields):
                related = field.get_value(obj)
                if related is None:
                    continue
                items = related.all() if hasattr(related, "all") else [related]
                for item in items:
                    yield from values(item, field.fields)

    def to_text(value):
        if value is None:
            return ""
        if isinstance(value, list | tuple):
            return " ".join(to_text(item) for item in value)
        if isinstance(value, dict):
            return " ".join(to_text(item) for item in value.values())
        return strip_tags(str(value))

    title_parts, body_parts = [], []
    for name, value in values(page, page.get_search_fields()):
        (title_parts if name == "title" else body_parts).append(to_text(value))
    # Collapse whitespace: snippets read better and the folded copy stays aligned with it.
    body = re.sub(r"\s+", " ", " ".join(part for part in body_parts if part)).strip()
    return " ".join(title_parts).strip() or page.title, body


def index_page(page):
    """Store (or refresh) the folded searchable text of one page, read from the database."""
    title, body = page_text(page)
    SearchText.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "locale_id": page.locale_id,
            "title": title[:255],
            "body": body,
            "folded": folded_document(f"{title} {body}"),
            "folded_title": folded_document(title),
        },
    )


def rebuild_index():
    count = 0
    for page in Page.objects.exclude(depth=1).specific().iterator():
        index_page(page)
        count += 1
    return count


@dataclass
class Result:
    page: object
    title: str
    snippet: str
    score: int


def highlight(text, terms, length=220):
    """A snippet of `text` around the first match, with matched word beginnings wrapped in <mark>."""
    text = unicodedata.normalize("NFC", text or "")[:20000]
    folded = fast_fold(text)
    if len(folded) != len(text):  # a rare letter whose lower case is longer: fold char by char
        folded = fold(text)
    spans = []
    for term in terms:
        # Whole words first ("so" marks "số", not the start of "sóc"); word beginnings otherwise.
        found = [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(term) + r"(?!\w)", folded)]
        found = found or [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(term), folded)]
        spans.extend(found)
    start = 0
    if spans:
        first = min(spans)[0]
        start = max(0, first - length // 3)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    end = min(len(text), start + length)
    while end < len(text) and not text[end - 1].isspace():
        end += 1
    spans = sorted((max(a, start), min(b, end)) for a, b in spans if a < end and b > start)
    out, position = [], start
    for a, b in spans:
        if a < position:
            continue
        out.append(escape(text[position:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        position = b
    out.append(escape(text[position:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(out).strip() + suffix)  # noqa: S308 (every piece is escaped)


def search_pages(query, locale, limit=200):
    """Live, public pages of `locale` whose text has every word of `query` as a word prefix, best first."""
    terms = words(query)[:10]
    if not terms:
        return [], []
    rows = SearchText.objects.filter(locale=locale, page__in=Page.objects.live().public())
    for term in terms:
        rows = rows.filter(folded__contains=f" {term}")
    rows = list(rows.only("page_id", "title", "body", "folded", "folded_title")[: limit * 2])
    phrase = " " + " ".join(terms)
    scored = []
    for row in rows:
        score = 0
        for term in terms:
            score += 5 * row.folded_title.count(f" {term} ") + 3 * row.folded_title.count(f" {term}")
            score += 2 * row.folded.count(f" {term} ") + row.folded.count(f" {term}")
        if len(terms) > 1 and phrase in row.folded:
            score += 10 + (20 if phrase in row.folded_title else 0)
        scored.append((score, row))
    scored.sort(key=lambda item: (-item[0], item[1].title))
    scored = scored[:limit]
    pages = {
        page.pk: page for page in Page.objects.filter(pk__in=[row.page_id for _, row in scored]).specific()
    }
    results = [
        Result(
            page=pages[row.page_id],
            title=highlight(row.title, terms, length=1000),
            snippet=highlight(row.body, terms),
            score=score,
        )
        for score, row in scored
        if row.page_id in pages
    ]
    return results, terms
