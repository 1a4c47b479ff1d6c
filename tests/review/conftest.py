"""Review and practice tests: the window's tests need a fresh app, as tests/ui's do."""

import sys
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))  # ui_helpers


