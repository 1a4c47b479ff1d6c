"""The participant pages draw the views layer's data as it is (issue 17): no own threshold, arrow rule or
sentence in the templates or in pagedata, and the page says what the views say, word for word."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from game.autoplay import bot_decision
from game.views import dashboard as dash_views
from game.views import debrief as debrief_views
from game.views.report import turn_report
from game.web import pagedata

from .webkit import mirror

TEMPLATES = Path(pagedata.__file__).parent / "templates"
PARTICIPANT = ("base.html", "briefing.html", "dashboard.html", "summary.html", "report.html", "end.html",
               "help.html", "spans.html")


def test_templates_and_pagedata_compute_no_rule_of_their_own():
    for name in PARTICIPANT:
        text = (TEMPLATES / name).read_text()
        assert not re.search(r"\b0\.\d", text), f"{name}: a threshold belongs in game/views"
        assert not re.search(r"change\s*[<>]", text), f"{name}: the views give the direction"
    source = Path(pagedata.__file__).read_text()
    assert "class MetricRow" not in source and "CARD_KEYS" not in source and "0.05" not in source


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_the_pages_say_what_the_views_say(client):
    from game.views.goal import goal_text

    before = goal_text(client.app.state.games.workshop.load_scenario().scenario)  # fresh 17: help before joining
    assert before in _text(client.get("/help").text)
    code = client.app.state.games.join_code
    client.post("/join", data={"team": "Blue", "code": code})
    local = mirror(client.app.state.games.workshop)
    goal = goal_text(local.scenario)  # what wins, on the briefing and in the help (a fresh player's finding 1)
    assert goal in _text(client.get("/help").text) and goal in _text(client.get("/briefing").text)
    for _ in range(3):
        d = bot_decision(local, "adaptive")
        data = {"turn": str(local.turn + 1), "action": list(d.actions), **({"choice": d.choice} if d.choice else {})}
        r = client.post("/play/decide", data=data, follow_redirects=False)
        assert r.status_code == 303
        local.decide(d)
    report = _text(client.get(f"/report/{local.turn}").text)
    rep = turn_report(local, local.reports[-1])
    assert rep.heading in report and rep.chose in report
    assert rep.later_text in report  # what comes on later turns (s7 player 3, finding 9); '' when nothing does
    for line in rep.lines:
        assert f"{line.span}, {line.amount_words}" in report
        assert all(c.text in report for c in line.causes)
    dash = _text(client.get("/play").text)
    view = dash_views.dashboard(local)
    assert view.heading in dash and view.points.text.replace("  ", " ") in dash
    arrows = {"up": "▲", "down": "▼", "same": "="}
    for m in view.metrics:
        assert f"{m.title} {m.value_text}" in dash and f"{arrows[m.direction]} {m.change_text}" in dash
    for m in view.metrics:  # each gauge's win target and loss line, as the window marks them (player s4 7)
        assert all(t.label in dash for t in m.marks)
        assert all(c.label in dash for c in m.crisis_marks)  # and where a crisis begins (fresh player s6 6)
    # the hidden drivers the win or a loss needs, in words only, as the window and the terminal say them (s4 3)
    assert view.hidden_goals and all(f"{g.title}: {g.word}" in dash for g in view.hidden_goals)
    for c in view.cards:
        assert c.title in dash and (c.key is None or f"key {c.key}" in client.get("/play").text)
    while not local.done:
        d = bot_decision(local, "adaptive")
        data = {"turn": str(local.turn + 1), "action": list(d.actions), **({"choice": d.choice} if d.choice else {})}
        client.post("/play/decide", data=data)
        local.decide(d)
    end = _text(client.get("/end").text)
    deb = debrief_views.debrief(local)
    assert deb.outcome_word in end and deb.score_heading in end and deb.after in end
    assert all(n in end for n in deb.insights) and all(pm.short in end for pm in deb.mix)
    # fresh 18: each chart on the debrief's axis: money on its own, fitted to the game, 'k' on every tick
    page = client.get("/end").text
    # s6 finding 6: a browser room's debrief sends each team to its own turn reports on this screen
    from game.views.lines import TURN_REPORTS, turn_report_link

    assert TURN_REPORTS in end and [int(n) for n in re.findall(r'href="/report/(\d+)"', page)] == list(
        range(1, local.turn + 1))
    assert f'aria-label="{turn_report_link(9)}"' in html.unescape(page)
    assert turn_report(local, local.reports[1]).heading in _text(client.get("/report/2").text)  # an earlier turn
    for group in deb.charts:
        for s in group.series:
            svg = page.split(f'aria-label="{s.title}: from ')[1].split("</svg>")[0]
            ticks = re.findall(r'text-anchor="end"[^>]*class="axis">([^<]*)<', svg)
            assert len(ticks) >= 3 and all(t.endswith(group.unit) for t in ticks), (s.title, ticks)
            values = [float(t.removesuffix(group.unit)) for t in ticks]
            assert group.lo <= min(values) and max(values) <= group.hi, (s.title, ticks, group)
    money = next(g for g in deb.charts if g.unit == "k")
    assert (money.lo, money.hi) != (money.series[0].lo, money.series[0].hi)  # not the metric's -50k to 200k


def test_the_end_screens_mix_fits_a_phone_and_a_laptop(tmp_path):
    """Trainer s5 finding 3: the mix table was 656 px wide on a 360 px phone (header cut, tall empty rows) and
    its bar chart's labels about 6 px; leadership was pink there and blue in the report. The end page of a
    lost scaleup game (seed 42, leadership only), drawn by headless Chromium from the in-process server."""
    import pytest

    from game import charts

    from .browser import launch
    from .webkit import make_client, make_workshop

    sync = pytest.importorskip("playwright.sync_api")
    ws = make_workshop(tmp_path, "scaleup", 42)
    shots = Path(os.environ.get("LEADSIM_SHOTS", tmp_path))
    with make_client(tmp_path / "games.sqlite3", ws) as c:
        c.post("/join", data={"team": "Zoë O'Connor-Brandt", "code": c.app.state.games.join_code})
        local = mirror(c.app.state.games.workshop)
        while not local.done:
            d = bot_decision(local, "leadership")
            c.post("/play/decide", data={"turn": str(local.turn + 1), "action": list(d.actions),
                                         **({"choice": d.choice} if d.choice else {})})
            local.decide(d)
        assert local.ending.kind == "loss"
        end = c.get("/end")
        assert end.status_code == 200
        css = c.get("/static/leadsim.css")
        pages = {"/end": end.text}
        deb = debrief_views.debrief(local)
        with sync.sync_playwright() as p:
            browser = launch(p)
            try:
                for width in (360, 1280):
                    page = browser.new_page(viewport={"width": width, "height": 740})
                    page.route("**/*", lambda route: route.fulfill(
                        body=css.content if route.request.url.endswith(".css") else
                        pages.get("/" + route.request.url.split("/", 3)[-1], ""),
                        content_type="text/css" if route.request.url.endswith(".css") else "text/html"))
                    page.goto("http://testserver/end")
                    section = page.locator("section[aria-labelledby=mix-h]")
                    section.scroll_into_view_if_needed()
                    page.screenshot(path=str(shots / f"end-mix-{width}.png"))
                    box = page.evaluate("""() => { const t = document.querySelector('table.mix');
                        const p = t.closest('.panel');
                        return {table: t.getBoundingClientRect().right, panel: p.getBoundingClientRect().right,
                                scroll: p.scrollWidth - p.clientWidth, doc: document.documentElement.scrollWidth,
                                rows: [...t.querySelectorAll('tbody tr')].map(r => r.getBoundingClientRect().height),
                                labels: [...document.querySelectorAll('.mixchart svg text')].map(
                                    s => s.getBoundingClientRect().height),
                                lines: [...document.querySelectorAll('.charts svg text')].map(
                                    s => s.getBoundingClientRect().height)}; }""")
                    assert box["table"] <= box["panel"] + 0.5 and box["scroll"] <= 0 and box["doc"] <= width, box
                    assert max(box["rows"]) < 420, box  # no tall empty bands
                    assert min(box["labels"]) >= 11, box  # the chart's labels read (were about 6 px)
                    assert min(box["lines"]) >= 11, box  # so do the metric charts' axes (s6 finding 12: 6 px)
                    assert max(box["lines"]) <= 26, box  # and a laptop does not blow them up
                    text = _text(page.inner_text("table.mix"))
                    for pm in deb.mix:  # every count says it is a count, with its share
                        assert pm.short in text and all(cell in text for cell in pm.cells)
                    before = page.evaluate("""() => [...document.querySelectorAll('table.mix td')].map(
                        td => getComputedStyle(td, '::before').content)""")
                    if width == 360:  # each cell names its column when the table stacks (the header is hidden)
                        assert before[:4] == ['"Leadership: "', '"Management: "', '"Development: "',
                                              'none'], before  # the verdict names strong play itself
                    fills = set(re.findall(r'fill="(#[0-9A-Fa-f]{6})" class="bar"', page.content()))
                    assert charts.CATEGORY_COLOUR["leadership"] in fills
                    assert charts.CATEGORY_COLOUR["leadership"] == charts.OKABE_ITO[0]  # the report's blue
                    page.close()
            finally:
                browser.close()


def test_a_legend_of_two_lines_stays_inside_its_box(tmp_path):
    """Trainer s6 finding 12: on a laptop the card columns' headings ('Leadership (move people: morale, trust,
    ownership and growth)') ran over their boxes' top borders, as a fieldset draws its border through the
    middle of its legend's first line. The first turn and an event's turn, drawn by headless Chromium."""
    import pytest

    from .browser import launch
    from .webkit import make_client, make_workshop

    sync = pytest.importorskip("playwright.sync_api")
    ws = make_workshop(tmp_path, "tutorial", 42, difficulty="guided")
    shots = Path(os.environ.get("LEADSIM_SHOTS", tmp_path))
    with make_client(tmp_path / "games.sqlite3", ws) as c:
        c.post("/join", data={"team": "Ravens and Co", "code": c.app.state.games.join_code})
        pages = {"/play": c.get("/play").text}
        local = mirror(c.app.state.games.workshop)
        while local.event is None:
            d = bot_decision(local, "adaptive")
            c.post("/play/decide", data={"turn": str(local.turn + 1), "action": list(d.actions)})
            local.decide(d)
        pages["/event"] = c.get("/play").text
        css = c.get("/static/leadsim.css").content
        with sync.sync_playwright() as p:
            browser = launch(p)
            try:
                for width in (360, 1280):
                    page = browser.new_page(viewport={"width": width, "height": 800})
                    page.route("**/*", lambda route: route.fulfill(
                        body=css if route.request.url.endswith(".css") else
                        pages.get("/" + route.request.url.split("/", 3)[-1], ""),
                        content_type="text/css" if route.request.url.endswith(".css") else "text/html"))
                    for name in ("/play", "/event"):
                        page.goto("http://testserver" + name)
                        page.screenshot(path=str(shots / f"legends{name.replace('/', '-')}-{width}.png"))
                        boxes = page.evaluate("""() => [...document.querySelectorAll('fieldset')].map(f => {
                            const l = f.querySelector('legend').getBoundingClientRect(), r = f.getBoundingClientRect();
                            return {top: l.top - r.top, left: l.left - r.left, right: r.right - l.right,
                                    lines: Math.round(l.height / parseFloat(getComputedStyle(f).lineHeight))}; })""")
                        assert boxes, name
                        assert any(b["lines"] >= 2 for b in boxes) or width == 1280 and name == "/event", boxes
                        for b in boxes:  # inside the border on every side, however many lines it takes
                            assert b["top"] >= 1 and b["left"] >= 1 and b["right"] >= 1, (name, width, boxes)
                    page.close()
            finally:
                browser.close()


def test_the_turn_report_says_the_next_turns_clock_is_counting_while_it_is_read(tmp_path, ws):
    """Trainer s7 finding 15b: 'Clock: 60 s left for turn 4' above the 'Turn 3 report' left a player unsure
    whether reading the report ate turn 4's time. In rounds the round's clock runs while the report is read."""
    from game.web import pacing

    from .webkit import join as _join, make_client as _client, play_api as _play

    with _client(tmp_path / "games.sqlite3", ws) as client:
        games = client.app.state.games
        team = _join(client, "Dawdlers")
        pacing.set_pace(games, "rounds")
        pacing.open_next_round(games)
        _play(client, team["token"], ws, turns=1)
        pacing.open_next_round(games)
        pacing.set_clock(games, 60)
        page = client.get("/report/1", headers={"Authorization": f"Bearer {team['token']}"}).text
        assert "s left for turn 2, and counting while you read this" in page, page[:2000]
        pacing.pause(games)
        page = client.get("/report/1", headers={"Authorization": f"Bearer {team['token']}"}).text
        assert "counting while you read" not in page and "s left for turn 2" in page


def test_a_team_knocked_out_early_gets_something_to_do_while_the_room_plays_on(tmp_path, ws):
    """Trainer s7 finding 6: Blue Herons (all management) lost at turn 5 of 12 and sat idle for seven rounds.
    Their end page now leads with what ended the game, where in their own turn reports to look and what to bring
    to the debrief; once the workshop has ended it is gone (nothing is left to wait for)."""
    from game.web import pacing

    from .webkit import join as _join, make_client as _client, play_api as _play

    with _client(tmp_path / "games.sqlite3", ws) as client:
        herons, others = _join(client, "Blue Herons"), _join(client, "Ana's table")
        lost = _play(client, herons["token"], ws, "management")
        assert lost.done and lost.turn < lost.scenario.turns
        _play(client, others["token"], ws, turns=2)
        auth = {"Authorization": f"Bearer {herons['token']}"}
        page = client.get("/end", headers=auth).text
        assert 'id="early-end"' in page and "While the other teams play on" in page
        assert f"Your game ended at turn {lost.turn} of {lost.scenario.turns}" in page
        assert "below 36" in page and "Open your turn reports from turn" in page and 'href="#turns-h"' in page
        assert page.index('id="early-end"') < page.index('id="score-h"')  # first, before the score
        pacing.end_workshop(client.app.state.games)
        client.app.state.debrief.stop()
        assert 'id="early-end"' not in client.get("/end", headers=auth).text
