"""The debrief's slides and report as a trainer uses them in front of a room, in real headless Chromium
(docs/trials/2026-12-01-second-fresh.md, fresh 4-6, 10, 21): the keys of a presenter's remote move exactly
one slide, at a laptop's 1280x720 and a projector's 1920x1080; no slide of a big room (30 teams, long
accented names) runs past its 16:9 page, on screen or printed; the printed report opens with its agenda.

One browser and one debrief for the module. The 30-team room is three reviewed games handed in under 30
names (the review is the same for the same game): what is tested here is layout, not the review.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.web.browser import ARGS, CHROMIUM

NAMES = ["Zoë Müller-Sánchez Führungsteam Nord", "Équipe Ørsted-Lindqvist Ålesund", "L'Équipe d'Ève Müller et les Très",
         "Team Åse Brønnøysund Kristiansand", "Grey", "Orange", "Blue", "Łukasz Żółć Wąchock-Szczebrzeszyn"]


def _names(n: int) -> list[str]:
    return [NAMES[i] if i < len(NAMES) else f"{NAMES[i % 4][:30]} {i}" for i in range(n)]


@pytest.fixture(scope="module")
def rooms(tmp_path_factory):
    """(small room's folder, big room's folder): scaleup seed 42, 3 bot games; the big one 30 teams."""
    from game.autoplay import play_bot
    from game.session import Session
    from game.workshop import discussion
    from game.workshop.files import create, result_of
    from game.workshop.report import write_report
    from game.workshop.verify import Verified

    folder = tmp_path_factory.mktemp("slides")
    ws = create("scaleup", 42, "Leadership day")
    games = [(bot, play_bot(Session(ws.load_scenario(), ws.seed), bot)) for bot in ("adaptive", "leadership", "random")]
    reviewed: dict[int, object] = {}
    real = discussion.review

    def once(session):  # the same game under many names is reviewed once
        if id(session) not in reviewed:
            reviewed[id(session)] = real(session)
        return reviewed[id(session)]

    def teams(n):
        return [Verified(folder / f"r{i}.json", result_of(games[i % 3][1], ws, name, games[i % 3][0]), games[i % 3][1])
                for i, name in enumerate(_names(n))]

    discussion.review = once
    try:
        write_report(teams(3), [], folder / "small")
        write_report(teams(30), [], folder / "big")
    finally:
        discussion.review = real
    return folder / "small", folder / "big"


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _open(browser, path: Path, width: int, height: int):
    page = browser.new_page(viewport={"width": width, "height": height})
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(path.as_uri())
    assert all(u.startswith("file://") for u in asked), asked  # nothing from the network
    return page


AT_TOP = """() => { const s = [...document.querySelectorAll('section.slide')];
  return [s.findIndex(x => Math.abs(x.getBoundingClientRect().top) < 1), s.length]; }"""


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_presenters_keys_move_exactly_one_slide(rooms, browser, size):
    page = _open(browser, rooms[0] / "slides.html", *size)
    at, n = page.evaluate(AT_TOP)
    assert at == 0 and n >= 15
    box = page.evaluate("(() => { const r = document.querySelector('section.slide').getBoundingClientRect();"
                        " return [r.width, r.height]; })()")
    assert box[0] == pytest.approx(size[0], abs=2) and box[1] == pytest.approx(size[1], abs=2)  # fills the window
    expected = 0
    for key, step in [("ArrowRight", 1)] * 3 + [("PageDown", 1), ("Space", 1), ("ArrowLeft", -1), ("PageUp", -1),
                                                ("ArrowDown", 1), ("Shift+Space", -1), ("ArrowUp", -1)] + \
            [("ArrowRight", 1)] * (n + 2):
        page.keyboard.press(key)
        expected = max(0, min(n - 1, expected + step))
        assert page.evaluate(AT_TOP)[0] == expected, (key, expected)  # the slide's top at the window's top
    page.keyboard.press("Home")
    assert page.evaluate(AT_TOP)[0] == 0
    page.keyboard.press("End")
    assert page.evaluate(AT_TOP)[0] == n - 1
    for _ in range(3):
        page.keyboard.press("PageUp")
    assert page.evaluate(AT_TOP)[0] == n - 4
    page.set_viewport_size({"width": size[1] * 16 // 9 + 320, "height": size[1]})  # the window changes: same slide
    page.wait_for_timeout(50)
    assert page.evaluate(AT_TOP)[0] == n - 4
    assert page.evaluate("document.querySelectorAll('section.slide')[%d].querySelector('.page-number').textContent"
                         % (n - 4)) == f"{n - 3} / {n}"
    page.close()


OVERFLOW = """() => [...document.querySelectorAll('section.slide')].map((s, i) => {
  const foot = s.querySelector('.foot').getBoundingClientRect().top;
  const low = Math.max(...[...s.children].filter(c => !c.classList.contains('foot'))
                        .map(c => c.getBoundingClientRect().bottom));
  return [i + 1, s.querySelector('h1').textContent, s.scrollHeight - s.clientHeight, low - foot];
}).filter(x => x[2] > 1 || x[3] > 1)"""


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_no_slide_of_a_room_of_thirty_runs_past_its_page(rooms, browser, size):
    page = _open(browser, rooms[1] / "slides.html", *size)
    assert page.evaluate(OVERFLOW) == []
    heads = page.evaluate("[...document.querySelectorAll('section.slide h1')].map(h => h.textContent)")
    assert sum(h.startswith("Leaderboard") for h in heads) >= 3  # 30 long names take several pages
    assert any(h.endswith("1 of 2") for h in heads if h.startswith("Each team"))  # 15 bars a slide
    page.close()


def _pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")


@needs_poppler
def test_the_printed_slides_are_one_slide_a_page(rooms, browser, tmp_path):
    page = _open(browser, rooms[1] / "slides.html", 1280, 720)
    n = page.evaluate(AT_TOP)[1]
    page.emulate_media(media="print")
    assert page.evaluate(OVERFLOW) == []
    page.pdf(path=str(tmp_path / "slides.pdf"), prefer_css_page_size=True, print_background=True)
    page.close()
    pages = _pdf_pages(tmp_path / "slides.pdf")
    assert len(pages) == n
    assert all(re.search(rf"\b{k} / {n}\b", p) for k, p in enumerate(pages, 1))  # each page is its slide, whole


@needs_poppler
def test_the_printed_report_opens_with_its_agenda(rooms, browser, tmp_path):
    page = _open(browser, rooms[0] / "report.html", 1280, 720)
    page.pdf(path=str(tmp_path / "report.pdf"), format="A4", print_background=True)
    page.close()
    pages = _pdf_pages(tmp_path / "report.pdf")
    first = " ".join(pages[0].split())
    assert "A 45-minute debrief" in first
    heads = [h for h in ("The room at a glance", "The events, side by side", "What was going on underneath",
                         "The costly turns", "Questions from this room")]
    assert [first.index(h) for h in heads] == sorted(first.index(h) for h in heads)
    assert "in order of their final score" in first
