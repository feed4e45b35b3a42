"""Details a newcomer met (issue 13): each with the test that would have caught it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def site_url(**env):
    """SITE_URL as a fresh process computes it from the environment (as `make run` starts one)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT")}
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings.base")
    code = (
        "from django.conf import settings; from core.links import absolute_url; print(absolute_url('/vi/'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "http://127.0.0.1:8000/vi/"),
        ({"PORT": "8080"}, "http://127.0.0.1:8080/vi/"),
        (
            {"PORT": "8080", "SITE_URL": "https://ngaychuyendoiso.danang.gov.vn/"},
            "https://ngaychuyendoiso.danang.gov.vn/vi/",
        ),
        ({"PORT": "", "SITE_URL": ""}, "http://127.0.0.1:8000/vi/"),
    ],
)
def test_absolute_links_follow_the_port_unless_site_url_says_otherwise(env, expected):
    assert site_url(**env) == expected
