"""Response times of support requests in words of the reader's language, for the admin's pages."""

from django import template

from content.models.support import duration_in_words

register = template.Library()
register.filter("duration", duration_in_words)
