"""Fixtures for consultations: a list page under the vi home page, and an open consultation on it."""

import pytest

from tests.factories.consultations import ConsultationIndexPageFactory, ConsultationPageFactory


@pytest.fixture
def consultations_page(site_pages):
    return ConsultationIndexPageFactory(parent=site_pages[0])


@pytest.fixture
def consultation(consultations_page):
    return ConsultationPageFactory(parent=consultations_page, slug="ke-hoach")
