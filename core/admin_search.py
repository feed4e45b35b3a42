"""Accent-insensitive search in the admin's lists: "Nguyen Thi Lan" (or NFD input) finds "Nguyễn Thị Lan".

Wagtail matches `search_fields` with `icontains`, which compares accents exactly on both databases. A
list view with this mixin also matches the query's folded words (`core.text.words`) in folded columns
(`folded_search_fields`, each kept with `core.text.fold` by its model): a row matches when every word
is in one of those columns, or when the plain query is in one of the plain fields.
"""

from django.db.models import Q

from core.text import words

MAX_TERMS = 8


class FoldedSearchMixin:
    """For a Wagtail IndexView; `folded_search_fields` may follow relations (`tickets__search_text`)."""

    folded_search_fields: tuple = ()

    def search_queryset(self, queryset):
        if not self.is_searching or not self.folded_search_fields:
            return super().search_queryset(queryset)
        terms = words(self.search_query)[:MAX_TERMS]
        matches = Q()
        for field in self.search_fields or ():
            matches |= Q(**{f"{field}__icontains": self.search_query})
        if terms:
            for field in self.folded_search_fields:
                matches |= Q(*(Q(**{f"{field}__contains": term}) for term in terms))
        # A subquery, so a match through a relation (an order's tickets) lists the row once.
        return queryset.filter(pk__in=queryset.model._default_manager.filter(matches).values("pk"))
