"""What every app shares: text folding, translated fields, database and API helpers, rate limits, the
page cache, absolute URLs, CSV exports and their log, QR codes, PDF fonts and iCalendar.

`core` imports no app; the apps import `core`; nothing imports `config`.
"""
