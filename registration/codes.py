"""Ticket secrets: opaque, random, unambiguous when read aloud or typed from a printout."""

import math
import secrets

# No 0/O, 1/l/I: a volunteer typing a secret from a crumpled printout must not have to guess.
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
SECRET_BITS = 160
SECRET_LENGTH = math.ceil(SECRET_BITS / math.log2(len(ALPHABET)))  # 28 characters, ~163 bits

# Order references are read over the phone: upper case only, still no look-alikes.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8


def generate_secret() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(SECRET_LENGTH))


def generate_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def generate_token() -> str:
    """A URL-safe token for secret links (hidden ticket types)."""
    return secrets.token_urlsafe(24)
