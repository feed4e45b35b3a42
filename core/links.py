"""Absolute links for e-mails, feeds, exports, the API and printed QR codes.

All of them start with SITE_URL, whose default follows PORT (config/settings/base.py), so
`PORT=8080 make run` gives links that open on that server."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` on the public site (`SITE_URL`); a URL that is already absolute is returned as it is."""
    if not path:
        return ""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path
