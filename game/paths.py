"""Where the shipped data lives: next to the package in a checkout or an
editable install, under <prefix>/share/leadsim in a regular install."""

from __future__ import annotations

import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent


def resource_dir(name: str) -> Path:
    """The folder `name` ('scenarios' or 'assets') that came with Leadsim."""
    for base in (_REPO, Path(sys.prefix) / "share" / "leadsim"):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    return _REPO / name
