"""Guards for the project's layout and its migrations."""

import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def test_site_is_the_standard_library_module():
    import site

    # `site` is imported at interpreter start-up; our folder of the same name must never shadow it.
    assert site.__file__.startswith(sys.base_prefix)
    assert not site.__file__.startswith(str(ROOT))
    assert hasattr(site, "getsitepackages")


def test_site_folder_holds_no_python():
    python_files = list((ROOT / "site").rglob("*.py"))
    assert python_files == []
    assert not (ROOT / "site" / "__init__.py").exists()


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"Model changes without a migration:\n{out.getvalue()} ({exit_})")


@pytest.mark.django_db
def test_api_404_is_not_redirected_to_a_language(client):
    response = client.get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="vi").status_code == 302
