"""Fixtures of the showcase tests: an event with packages and booths, an exhibitor and its portal user."""

import pytest

from tests.factories.events import EventPageFactory
from tests.factories.exhibitors import (
    ApplicationFactory,
    BoothFactory,
    BoothPackageFactory,
    ExhibitorFactory,
    ExhibitorMemberFactory,
)


@pytest.fixture
def event(site_pages):
    return EventPageFactory()


@pytest.fixture
def package(event):
    return BoothPackageFactory(event=event, price=5_000_000, count_available=2)


@pytest.fixture
def free_package(event):
    return BoothPackageFactory(event=event, price=0, count_available=5)


@pytest.fixture
def booth(event):
    return BoothFactory(event=event, hall="A", number="A01")


@pytest.fixture
def exhibitor(db):
    return ExhibitorFactory()


@pytest.fixture
def member(exhibitor):
    return ExhibitorMemberFactory(exhibitor=exhibitor).user


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def other_exhibitor(db):
    return ExhibitorFactory()


@pytest.fixture
def application(exhibitor, package):
    return ApplicationFactory(exhibitor=exhibitor, package=package)


from tests.stripe_server import stripe_server, stripe_settings  # noqa: E402, F401  (fixtures)


@pytest.fixture
def home_pages_any_db(transactional_db):
    """Home pages, also after an earlier transactional test flushed Wagtail's root page."""
    from wagtail.models import Locale, Page

    from tests.factories.content import make_home_pages

    if Page.get_first_root_node() is None:
        vi, _ = Locale.objects.get_or_create(language_code="vi")
        Page.add_root(instance=Page(title="Root", slug="root", locale=vi))
    return make_home_pages()


@pytest.fixture
def exhibiting(exhibitor, package):
    """The exhibitor holds a confirmed booth at `event`: its booth may scan that event's tickets."""
    return ApplicationFactory(exhibitor=exhibitor, package=package, status="confirmed")
