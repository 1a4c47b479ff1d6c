"""Headless Chromium for the web tests: Debian's /usr/bin/chromium driven by Playwright, and axe-core checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"


def launch(playwright):
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def axe_problems(page) -> list[str]:
    """Serious and critical axe-core violations of the page as it is now, one line each."""
    if not page.evaluate("() => !!window.axe"):  # evaluated by the test (CSP stays on); never served by the app
        page.evaluate(AXE.read_text() + "\n;0")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    out = []
    for v in result["violations"]:
        if v["impact"] in ("serious", "critical"):
            where = "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                              for n in v["nodes"][:3])
            out.append(f"{page.url}: {v['id']} ({v['impact']}): {v['help']} at {where}")
    return out
