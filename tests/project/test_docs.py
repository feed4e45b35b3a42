"""The documentation names only files a reader of a fresh clone has.

Twice a README named a bench result file that never landed: `.gitignore` keeps only
`bench/results/latest.json`, so a run's own file stays on the machine that made it.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NAMED_RESULT = re.compile(r"bench/results/[\w.-]+\.json")


def documents():
    return [ROOT / "README.md", *sorted(ROOT.glob("*/README.md")), *sorted((ROOT / "docs").glob("*.md"))]


def is_in_repository(relative):
    if shutil.which("git") and (ROOT / ".git").exists():
        found = subprocess.run(
            ["git", "ls-files", "--error-unmatch", relative], cwd=ROOT, capture_output=True, check=False
        )
        return found.returncode == 0
    return (ROOT / relative).is_file()


@pytest.mark.parametrize("document", documents(), ids=lambda path: str(path.relative_to(ROOT)))
def test_bench_results_named_in_the_documentation_are_in_the_repository(document):
    named = set(NAMED_RESULT.findall(document.read_text(encoding="utf-8")))
    assert sorted(path for path in named if not is_in_repository(path)) == []


def test_the_documents_are_found():
    expected = {ROOT / "README.md", ROOT / "bench" / "README.md", ROOT / "checkin" / "README.md"}
    assert expected <= set(documents())
