"""`load_demo` runs every domain's loader from its data files, and refuses to load a demo in part."""

import shutil

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from content.models import ArticlePage
from demo import files
from demo.management.commands.load_demo import LOADERS

pytestmark = pytest.mark.django_db


def test_every_domain_has_a_loader_and_data_in_import_order():
    assert list(LOADERS) == [
        "content",
        "events",
        "registration",
        "checkin",
        "exhibitors",
        "participation",
        "peoples_choice",
        "consultations",
        "certificates",
    ]
    for domain in LOADERS:
        assert sorted((files.DATA_DIR / domain).glob("*.json")), domain


def test_a_missing_data_file_fails_loudly_and_loads_nothing(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(files.DATA_DIR, data)
    (data / "events" / "programme.json").unlink()
    monkeypatch.setattr(files, "DATA_DIR", data)
    pages = Page.objects.count()

    with pytest.raises(CommandError, match=r"demo data file missing: .*events/programme\.json"):
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    # The content loader ran before the events loader failed: its pages were rolled back with it.
    assert Page.objects.count() == pages and not ArticlePage.objects.exists()


def test_a_scale_below_one_is_refused():
    with pytest.raises(CommandError, match="--scale"):
        call_command("load_demo", scale=0)
    assert not ArticlePage.objects.exists()
