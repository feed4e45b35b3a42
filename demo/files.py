"""Reading the demo's data files: demo/data/<domain>/<name>.json, and a loud error when one is missing."""

import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


class MissingDemoData(Exception):
    """A data file a loader needs is not there (the demo is never loaded in part)."""


def read(domain, name):
    path = DATA_DIR / domain / f"{name}.json"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise MissingDemoData(f"demo data file missing: {path}") from error
    return json.loads(text)
