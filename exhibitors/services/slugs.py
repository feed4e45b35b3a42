"""Readable, unique URL slugs from Vietnamese names (accents folded: `Công ty Đà Nẵng` → `cong-ty-da-nang`)."""

from django.utils.text import slugify

from exhibitors.search import fold


def unique_slug(model, text, exclude_pk=None):
    base = slugify(fold(text))[:100] or "item"
    slug, n = base, 2
    queryset = model.objects.all()
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    while queryset.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
