"""Ticket secrets: opaque, random, unambiguous when read aloud or typed from a printout."""

import math
import secrets

# Order references (and exhibitors' application references) are read over the phone: upper case
# only, and no 0/O, 1/I.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8

# Secrets add lower case, still without l: a volunteer typing one from a crumpled printout must not
# have to guess.
ALPHABET = REFERENCE_ALPHABET + "abcdefghijkmnopqrstuvwxyz"
SECRET_BITS = 160
SECRET_LENGTH = math.ceil(SECRET_BITS / math.log2(len(ALPHABET)))  # 28 characters, ~163 bits


def generate_secret() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(SECRET_LENGTH))


def generate_reference(length: int = REFERENCE_LENGTH) -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(length))


def generate_token() -> str:
    """A URL-safe token for secret links (hidden ticket types)."""
    return secrets.token_urlsafe(24)
