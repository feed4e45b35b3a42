"""Fixtures for the registration tests."""

from tests.stripe_server import stripe_server, stripe_settings  # noqa: F401  (fixtures)
