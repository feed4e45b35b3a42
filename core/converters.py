"""URL converters shared by the apps."""

MAX_ID = 2**63 - 1  # the largest primary key PostgreSQL and SQLite store


def parse_id(value):
    """A database id from a URL or query string, or None: digits only, 1..2**63-1 (larger ones crash SQLite)."""
    value = str(value or "")
    if not (value.isascii() and value.isdigit()) or len(value) > 19:
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None


class IdConverter:
    """`<id:pk>`: like `<int:pk>`, but an id no database can hold is a 404, not a 500."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            raise ValueError("not a database id")
        return number

    def to_url(self, value):
        return str(value)
