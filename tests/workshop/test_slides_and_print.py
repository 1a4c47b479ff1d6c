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
from html import unescape
from pathlib import Path

import pytest
from markupsafe import escape

from game.views.review import decision_words
from game.views.standings import name_key
from game.workshop.room_prompts import discussion_prompts

from tests.web.browser import ARGS, CHROMIUM

NAMES = ["Zoë Müller-Sánchez Führungsteam Nord", "Équipe Ørsted-Lindqvist Ålesund", "L'Équipe d'Ève Müller et les Très",
         "Team Åse Brønnøysund Kristiansand", "Grey", "Orange", "Blue", "Łukasz Żółć Wąchock-Szczebrzeszyn"]


def _names(n: int) -> list[str]:
    return [NAMES[i] if i < len(NAMES) else f"{NAMES[i % 4][:30]} {i}" for i in range(n)]


@pytest.fixture(scope="module")
def rooms(tmp_path_factory):
    """(small room's folder, big room's folder, the small Room, the big Room): scaleup seed 42, 3 bot games; the
    big one 30 teams."""
    from game.autoplay import play_bot
    from game.session import Session
    from game.workshop import discussion
    from game.workshop.files import create, result_of
    from game.workshop import report
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

    built, room_of = [], report.room_of

    def kept(*args):  # the Room each report is made of, for the tests to read
        built.append(room_of(*args))
        return built[-1]
    discussion.review, report.room_of = once, kept
    try:
        write_report(teams(3), [], folder / "small")
        write_report(teams(30), [], folder / "big")
    finally:
        discussion.review, report.room_of = real, room_of
    return folder / "small", folder / "big", *built


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


def test_the_slides_page_under_the_servers_csp(rooms, browser):
    """The console serves slides.html with a strict Content-Security-Policy (no 'unsafe-inline'): its inline
    paging script still runs, allowed by its hash, so ArrowRight moves one slide and the number shows
    (a trainer's served deck did nothing on the keys: 'Executing inline script violates ... default-src')."""
    from game.web.debrief_console import csp_for

    body = (rooms[0] / "slides.html").read_bytes()
    csp = csp_for(body)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    said = []
    page.on("console", lambda m: said.append(m.text))
    url = "http://leadsim-room.test/console/debrief/files/slides.html"
    page.route("**/*", lambda route: route.fulfill(status=200, body=body, headers={
        "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": csp}) if route.request.url == url
        else route.abort())
    page.goto(url)
    n = page.evaluate(AT_TOP)[1]
    page.keyboard.press("ArrowRight")
    assert page.evaluate(AT_TOP)[0] == 1
    assert page.evaluate("document.querySelectorAll('.page-number')[1].textContent") == f"2 / {n}"
    assert not [t for t in said if "Content Security Policy" in t], said
    assert "script-src 'sha256-" in csp and "'unsafe-inline'" not in csp.split("script-src")[1]  # still strict
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
    assert [h for h in heads if h.startswith("Each team's hidden drivers")][-1].endswith("(3 of 3)")  # 30 teams,
    # each named, beside the chart of 30 grey lines (trainer s4 finding 10)
    assert any(h.endswith("1 of 3") for h in heads if h.startswith("Each team"))  # 15 bars a slide: 14 teams
    # and strong play's
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
    assert _underfilled(tmp_path / "report.pdf") == []


# --- the printed report's page breaks (fresh 21): checked in the PDF, not by eye ------------------------

def _tokens(text: str) -> list[str]:
    """Words as a PDF's text gives them back: split at spaces and hyphens (a line may break after one),
    without the punctuation around them."""
    out = []
    for w in re.split(r"[\s\-–]+", text):
        w = w.strip(",.;:()'’\"!?")
        if w:
            out.append(w)
    return out


def _pdf_words(pdf: Path) -> list[list[tuple[float, str]]]:
    """Per page, its words as (top, word), top to bottom (poppler's pdftotext -bbox)."""
    from html import unescape

    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in xml.split("<page ")[1:]:
        words = [(float(y), w) for y, text in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" '
                                                           r'yMax="[\d.]+">([^<]*)</word>', page)
                 for w in _tokens(unescape(text))]
        pages.append(sorted(words))
    return pages


def _band(words: list[tuple[float, str]], needed: set[str], after: float, height: float) -> float | None:
    """The top of the first band of `height` points below `after` that holds every one of `needed`."""
    for i, (top, _) in enumerate(words):
        if top < after:
            continue
        seen = {w for y, w in words[i:] if y <= top + height}
        if needed <= seen:
            return top
    return None


SECTIONS = ("The room at a glance", "The events, side by side", "What was going on underneath", "The costly turns",
            "Questions from this room")


def _underfilled(pdf: Path, least: float = 0.5) -> list[int]:
    """The pages (1-based) whose text ends above `least` of the page's height though the next page goes on with
    the same section (a section starts on a new page: the page before it may end short). A trainer's A4 print
    had a page holding only 'The events, side by side' and one paragraph, the first event pushed whole to the
    next page."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = xml.split("<page ")[1:]
    out = []
    for k, (page, after) in enumerate(zip(pages, pages[1:]), 1):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        low = max(float(y) for y in re.findall(r'yMax="([\d.]+)"', page))
        next_words = " ".join(unescape(w) for w in re.findall(r">([^<]+)</word>", after)[:8])
        if low < least * height and not next_words.startswith(SECTIONS):
            out.append(k)
    return out


TABLES = """() => [...document.querySelectorAll('table')].map(t => [
  [...t.querySelectorAll('thead th')].map(th => th.textContent).join(' '),
  [...t.querySelectorAll('tbody tr:last-child td')].map(td => td.textContent).join(' '),
  t.querySelectorAll('tbody tr').length])"""


@needs_poppler
def test_no_printed_page_ends_with_a_heading_and_every_table_repeats_its_header(rooms, browser, tmp_path):
    page = _open(browser, rooms[1] / "report.html", 1280, 720)
    heads = page.evaluate("[...document.querySelectorAll('h1,h2,h3')].map(h => h.textContent)")
    tables = page.evaluate(TABLES)
    page.pdf(path=str(tmp_path / "report.pdf"), format="A4", print_background=True)
    page.close()
    pages = _pdf_words(tmp_path / "report.pdf")
    assert len(pages) >= 10
    # 1. the last line of a page is never a heading left alone, away from what it heads
    for k, words in enumerate(pages[:-1], 1):
        last = {w for y, w in words if y >= words[-1][0] - 2}
        for h in heads:
            ht = set(_tokens(h))
            assert not (last <= ht and len(last) >= min(2, len(ht))), f"page {k} ends with the heading '{h}'"
    # 2. a table that runs over pages has its header at the top of every page it is on
    at_page, at_y, spanning = 0, -1.0, 0
    for head, last_row, rows in tables:
        need_head, need_last = set(_tokens(head)), set(_tokens(last_row))
        while (top := _band(pages[at_page], need_head, at_y, 90)) is None:
            at_page, at_y = at_page + 1, -1.0
            assert at_page < len(pages), f"the header '{head}' is not in the PDF"
        first_page = at_page
        at_y = top
        while (end := _band(pages[at_page], need_last, at_y, 160)) is None:
            at_page, at_y = at_page + 1, -1.0
            assert at_page < len(pages), f"the last row '{last_row[:60]}' is not in the PDF"
            assert _band(pages[at_page], need_head, -1.0, 90) is not None, \
                f"page {at_page + 1} continues the table '{head[:60]}' without its header"
        spanning += at_page > first_page
        at_y = end
    assert spanning >= 1  # the 30-team room has tables over two pages: the check did check something
    assert _underfilled(tmp_path / "report.pdf") == []  # 3. no page ends short inside a section
    # 4. the drivers' end values open under their own heading (trainer s5: a page began with that table alone)
    drivers = set(_tokens(next(h for h, _, _ in tables if "(end)" in h)))
    k = next(i for i, w in enumerate(pages) if _band(w, drivers, -1.0, 90) is not None)
    assert set(_tokens("Each team's hidden drivers at the end")) <= {w for _, w in pages[k]}


# --- what the slides and the report say (fresh 6-9, 11, 13, 20) ------------------------------------------

def _slide_texts(page: str) -> list[str]:
    """Each slide's text as the room reads it: its heading, body and charts' words (tags gone, entities read)."""
    slides = re.findall(r'<section class="slide">(.*?)</section>', page, re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", re.sub(r'<div class="foot">.*', "", s, flags=re.S))).split())
            for s in slides]


def _asks_before_it_answers(page: str, prompts) -> int:
    """Over the whole deck: every question slide comes before every slide that answers it and holds no answer
    itself, and the next slide answers it (its own answer slide, or the first of the deck's slides that
    answer it, Prompt.reveals). Returns how many answered questions were checked."""
    texts = _slide_texts(page)
    checked = 0
    for p in prompts:
        said = " ".join(p.question.split())
        k = next(i for i, t in enumerate(texts) if said in t)
        answers = [" ".join(x.split()) for x in (*p.reveals, *([p.answer] if p.answer else []))]
        for x in answers:  # nothing that answers it before it, nor on its own slide
            assert not any(x in t for t in texts[:k + 1]), (p.question, x, next(i for i, t in enumerate(texts) if x in t))
        if p.answer_title:
            assert texts[k + 1].startswith(p.answer_title) and " ".join(p.answer.split()) in texts[k + 1], p.question
        elif p.reveals:
            assert any(" ".join(x.split()) in texts[k + 1] for x in p.reveals), (p.question, texts[k + 1][:80])
        checked += bool(answers)
    return checked


def test_every_question_slide_comes_before_what_answers_it_and_holds_no_answer(rooms):
    """Trainer s4 finding 9: 'what would you do now: the event split the room' came after the event's slides had
    shown its best answer; the mix question after the mix table; the costly-pattern question named the pattern.
    The facilitator guide promises: a question on one slide, its answer on the next."""
    small, big, room, big_room = rooms
    prompts = discussion_prompts(room)
    better = {decision_words(t.session, tr.best) for t in room.teams for tr in t.review.turns}
    assert {p.where for p in prompts} >= {"glance", "costly", "prompts"}  # asked where they belong
    # an event is asked about when one answer did clearly best (trainer s7 3, finding 2: never 'no answer did
    # clearly best'), in the events part
    from game.workshop.room_events import decisive_events
    assert any(p.event_id and p.where == "events" for p in prompts) == bool(decisive_events(room.events, 0.5))
    assert not any("No answer did clearly best" in p.answer for p in prompts if p.event_id)
    assert any(p.then == "patterns" for p in prompts)
    assert all(p.kind == "looking back" for p in prompts if p.event_id)  # about the past, not 'what would you do now'
    assert ("<h1>Looking back</h1>" in (small / "slides.html").read_text()) == any(p.event_id for p in prompts)
    for p in prompts:
        assert not any(b in p.question for b in better if len(b) > 12), p.question  # no better decision asked
        assert "strongest turn" not in p.question and not any(x in p.question for x in p.reveals), p.question
        assert not p.answer or p.answer not in p.question
    assert _asks_before_it_answers((small / "slides.html").read_text(), prompts) >= 5
    assert _asks_before_it_answers((big / "slides.html").read_text(), discussion_prompts(big_room)) >= 5


def test_money_reads_alike_everywhere_and_slide_titles_speak_to_the_room(rooms):
    page = (rooms[0] / "slides.html").read_text()
    events = re.findall(r"next 3 turns: ([^<]*)<", page)
    assert events and all(re.search(r"Budget ([+-]\d+k|0)(,|$)", e) for e in events), events
    report = (rooms[0] / "report.html").read_text()
    cells = re.findall(r'<td class="num">([+-][\d.]+k?)</td>', report)
    assert any(c.endswith("k") for c in cells)
    heads = re.findall(r"<h1>([^<]*)</h1>", page)
    assert "The room&#39;s mix against strong play" in heads
    assert not any(re.search(r"\byour\b", h, re.I) for h in heads), heads  # a slide shows the room, not a team


def _order(texts: list[str], names: list[str]) -> list[str]:
    return [t for t in texts if t in names]


def test_one_team_order_in_every_section_chart_slide_and_turns_csv(rooms, browser):
    import csv

    big = rooms[1]
    page = _open(browser, big / "report.html", 1280, 720)
    board = page.evaluate("[...document.querySelectorAll('#glance table')[0].querySelectorAll('tbody tr')]"
                          ".map(r => r.cells[1].childNodes[0].textContent.trim())")
    firsts = page.evaluate("""[...document.querySelectorAll('table')].map(t => {
        const answer = [...t.querySelectorAll('thead th')].findIndex(th => th.textContent === 'Answer');
        return [...t.querySelectorAll('tbody tr')].map(r => [r.cells[0].textContent.trim(),
                                                          answer < 0 ? '' : r.cells[answer].textContent.trim()]); })""")
    page.close()
    assert all(n.endswith(" (bot)") for n in board)  # these rooms' teams are bots, marked where named
    board = [n.removesuffix(" (bot)") for n in board]
    firsts = [[(team.removesuffix(" (bot)"), a) for team, a in rows] for rows in firsts]
    assert len(board) == 30 and len(set(board)) == 30
    scores = [s for s in re.findall(r'<td class="num">([\d.]+)</td>', (big / "report.html").read_text())][:30]
    assert [float(x) for x in scores] == sorted((float(x) for x in scores), reverse=True)
    tied = [n for n, x in zip(board, scores) if scores.count(x) > 1]
    assert len(tied) >= 20 and all(name_key(a) <= name_key(b) for a, b, x, y in
                                   zip(board, board[1:], scores, scores[1:]) if x == y)  # ties by name
    assert name_key("Équipe") < name_key("Orange") < name_key("zulu")  # as people sort names, accents aside
    checked = 0
    for rows in firsts:  # an event's table: its answers apart, each in the one order
        for answer in dict.fromkeys(a for _, a in rows):
            order = _order([team for team, a in rows if a == answer], board)
            if len(order) >= 2:  # a table of teams: the underneath, costly, strongest-turn and event tables
                assert order == [n for n in board if n in order], rows[:5]
                checked += 1
    assert checked >= 5
    notes = re.findall(r'class="chart-note">#(\d+)=? · score ([\d.]+)<', (big / "metrics.svg").read_text())
    assert len(notes) == 30 and [float(x) for _, x in notes] == [float(x) for x in scores]  # panels: board order
    labels = [unescape(t).rstrip("…") for t in re.findall(r'text-anchor="end" fill="#1a1a1a" class="axis">([^<]+)<',
                                                          (big / "mix-1.svg").read_text())]
    for name in (f"{n} (bot)" for n in board):  # the mix chart's rows (a long name on two lines, its end cut):
        # board order
        line = labels.pop(0)
        assert name.startswith(line), (name, line)
        if len(line) < len(name) and labels and name[len(line):].strip().startswith(labels[0]):
            labels.pop(0)
    assert labels == ["Strong play"]  # strong play's split closes the chart
    slides = (big / "slides.html").read_text()
    shown = [unescape(n).removesuffix(" (bot)")  # these rooms' teams are bots, and the slides mark them
             for n in re.findall(r'<tr><td class="num">[\d=]+</td><td>([^<]+)</td>', slides)]
    assert len(shown) == 30 and all(re.search(r'<td>[^<]+ \(bot\)</td>', slides) for _ in [0])
    assert shown == board
    drivers = [unescape(n).removesuffix(" (bot)")  # the hidden drivers' end values, a table over slides (whole
               # numbers, with decimals where rounding would cross a rule's line: views.goal.value_text)
               for n in re.findall(r'<tr><td>([^<]+)</td>(?:<td class="num">-?\d+(?:\.\d+)?</td>){3,}</tr>', slides)]
    assert drivers == board and re.search(r'<tr class="par"><td>strong play</td>', slides)
    with (big / "turns.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(dict.fromkeys(r["Team"] for r in rows)) == board


def test_turns_csv_is_in_the_games_words(rooms):
    import csv

    from game.scenario.loader import load

    sc = load("scaleup").scenario
    with (rooms[0] / "turns.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    titles = [sc.metrics[m].title + (f" ({sc.metrics[m].unit})" if sc.metrics[m].unit else "") for m in sc.metrics]
    assert header[:3] == ["Team", "Turn", "Phase"] and set(titles) <= set(header)
    assert header[-5:] == ["Actions", "Event", "Answer", "Clock ran out", "Played by a bot"]
    ids = {m for m in sc.metrics} | {a.id for a in sc.actions} | {e.id for e in sc.events} | {p.id for p in sc.phases} \
        | {c.id for e in sc.events for c in e.choices}
    words = {a.title for a in sc.actions} | {e.title for e in sc.events} | {p.title for p in sc.phases}
    for row in rows:
        cells = [x for cell in row for x in cell.split("; ")]
        assert not ids & set(cells) - words, ids & set(cells)
    assert {r[2] for r in body} == {p.title for p in sc.phases}
    assert any(r[header.index("Answer")] for r in body) and all(r[header.index("Turn")].isdigit() for r in body)
    assert sum(1 for r in body if r[1] == "0") == 3  # one start row per team


def test_team_charts_put_money_on_its_own_axis_with_a_phase_line(rooms):
    svg = (rooms[0] / "metrics.svg").read_text()
    panels = svg.count('class="chart-note"')
    assert panels == 3
    ticks = re.findall(r'text-anchor="end" fill="#555b66" class="axis">([^<]+)<', svg)
    money = [t for t in ticks if t.endswith("k")]
    assert len(money) >= 2 * panels and "100" in ticks and "-50k" not in ticks[:3]
    assert svg.count('class="phase"') == panels  # every team's game changed phase once (scaleup, turn 15)
    assert "Mature company from turn 15 (the line: end of turn 14)" in svg  # as the game says it (trainer s7 4, 10)
    drivers = (rooms[0] / "drivers.svg").read_text()
    assert drivers.count('class="phase"') == drivers.count('class="chart-title"') >= 4


def test_every_mix_share_has_its_label_even_a_small_one(rooms, browser):
    big = rooms[1]
    svg = (big / "mix-1.svg").read_text()
    rows = svg.count('class="bar"') // 3  # leadership, management and development: shares of all actions
    labels = re.findall(r'class="bar-label(?:-beside)?"[^>]*>([^<]+)<', svg)
    shares = [x for label in labels for x in label.split(" · ")]
    assert rows == 31 and len(shares) == 3 * rows, (rows, len(shares))  # 30 teams and strong play
    page = _open(browser, big / "slides.html", 1280, 720)
    sizes = page.evaluate("""[...document.querySelectorAll('section.slide')].filter(s => s.querySelector('h1')
        .textContent.startsWith('Each team')).map(s => [s.querySelectorAll('rect.bar').length / 3,
        Math.min(...[...s.querySelectorAll('text')].map(t => t.getBoundingClientRect().height))])""")
    page.close()
    assert sizes and all(n <= 15 and h >= 10 for n, h in sizes), sizes  # text a room reads at 1280x720


# --- trainer s5: when the costly patterns were, whom the crisis question asks ----------------------------------

def test_costly_patterns_say_when_and_the_strongest_turn_says_why_its_card_was_costly_elsewhere(rooms):
    """Trainer s5 finding 1: the winner's strongest turn praised 'Plan the next quarter' while the most common
    costly pattern was taking it, and nothing said when it was costly. Each pattern now says in which phase and
    at which turns its costly turns were (recounted here from the reviews), and the strongest turn's answer
    says, for each card of it a pattern calls costly, whether the phase or the moment made the difference."""
    import dataclasses
    from collections import Counter

    from game.views.words import joined
    from game.workshop.discussion import COSTLY, decisive_turn, turn_span
    from game.workshop.room_prompts import pattern_notes, strongest_words

    room = rooms[2]
    phases = [p.title for p in room.scenario.phases]
    titles = {a.id: a.title for a in room.scenario.actions}
    assert room.mistakes
    for m in room.mistakes:
        when: dict[str, list[int]] = {}
        instead: dict[str, Counter] = {}
        for t in room.teams:
            for tr in t.review.turns:
                chosen, best = set(tr.chosen.actions), set(tr.best.actions)
                hit = best - chosen if m.kind == "skipped" else chosen - best
                if tr.loss >= COSTLY and m.action in {titles[a] for a in hit}:
                    when.setdefault(phases[tr.phase], []).append(tr.turn)
                    instead.setdefault(phases[tr.phase], Counter()).update(titles[a] for a in best - chosen)
        assert {p: sorted(t) for p, t in when.items()} == {p: list(t) for p, t in m.when}
        for p, c in instead.items():  # what the better decision took in the card's place, most often
            assert m.instead_in(p) == "" if m.kind == "skipped" or not c else c[m.instead_in(p)] == max(c.values())
        assert sum(len(t) for _, t in m.when) == m.turns and all(p in m.words for p in when)
    took = next(m for m in room.mistakes if m.kind == "took")
    turn = decisive_turn(room.teams[0])
    elsewhere = next((p for p in phases if p not in dict(took.when)), None)
    inside = took.when[0][0]
    for phase in (elsewhere, inside):
        if phase is None:
            continue
        t = dataclasses.replace(turn, actions=(took.action,), phase=phase, worth=max(turn.worth, 1.0))
        notes = pattern_notes(t, room.mistakes)
        assert len(notes) == 2 and f"'{took.action}'" in notes[0]
        if phase == elsewhere:
            span = turn_span([t for _, ts in took.when for t in ts])  # one sentence, no team names (a slide)
            assert f"costly only in {joined([p for p, _ in took.when])} ({span})" in notes[0]
            assert f"this turn was in {phase}" in notes[0]
            assert notes[1] == "The phase made the difference."
        else:
            n = len(took.phase_turns(phase))
            assert f"costly {n} time{'s' if n != 1 else ''} in {phase} too" in notes[0]
            assert not took.instead_in(phase) or f"most often took '{took.instead_in(phase)}' in its place" in notes[0]
            assert notes[1].startswith("So the card alone did not decide")
        assert " ".join(notes) in strongest_words("Blue", t, room.mistakes)
    well = discussion_prompts(room)[0]  # the winner's strongest turn: its note, on the slide after its answer
    assert well.note == " ".join(pattern_notes(turn, room.mistakes)) and bool(well.note_title) == bool(well.note)
    texts = _slide_texts((rooms[0] / "slides.html").read_text())
    k = next(i for i, x in enumerate(texts) if x.startswith(well.answer_title))
    assert not well.note or texts[k + 1].startswith(well.note_title) and " ".join(well.note.split()) in texts[k + 1]
    clean = dataclasses.replace(turn, actions=())
    assert pattern_notes(clean, room.mistakes) == [] and strongest_words("Blue", clean, room.mistakes) == \
        strongest_words("Blue", clean)


def test_the_crisis_question_names_the_teams_that_fell_into_it(rooms):
    """Trainer s5 finding 5: '1 of 5 teams fell into Constant firefighting' named no team to ask."""
    small, _, room, big_room = rooms
    for r, folder in ((room, small), (big_room, None)):
        fell = {c.title: [(t.label, next(x.turn for x in t.session.reports if c.id in x.crises_started))
                          for t in r.teams if any(c.id in x.crises_started for x in t.session.reports)]
                for c in r.scenario.crises}
        assert r.crisis_teams() == {c: v for c, v in fell.items() if v}
        assert {c: len(v) for c, v in r.crisis_teams().items()} == {c: n for c, n in r.crisis_counts() if n}
        asked = next(p for p in discussion_prompts(r) if "fell into" in p.question)
        crisis = re.search(r"fell into '([^']+)'", asked.question).group(1)
        for name, turn in fell[crisis][:5]:
            assert f"{name} (from turn {turn})" in asked.question
        assert (len(fell[crisis]) > 5) == ("more (the report lists them)" in asked.question)
    text = unescape(re.sub(r"<[^>]+>", " ", (small / "report.html").read_text()))
    for c, teams in room.crisis_teams().items():
        for name, turn in teams:
            assert f"{name} from turn {turn}" in text
