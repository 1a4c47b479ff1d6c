"""The live console says what a freshly loaded console says, field by field, after every change (trainer s6,
finding 4).

The trainer switched the advance rule to "when every team has decided"; the round opened by itself before the
console's stream had begun, and the console showed "Open turn 4 for every team" over "Opening turn 5 gives
them turn 5 ..." until a reload; at the end its End form said "6 of 7 teams have not finished" when 6 had (a
team finishing changed no room version, so the controls were never drawn again; the end's question now names
the unfinished teams, and is drawn again when one finishes). Both the page and its stream
now draw from console.snapshot. Here the console's stream starts late on purpose (as on a busy laptop), teams
decide, the advance rule changes, a team loses, one finishes, and after each change the live console is
compared with a console loaded anew, without its script (the server's page as it is drawn).
"""

from __future__ import annotations

import time

import httpx
import pytest

from game.autoplay import bot_decision
from game.session import Decision
from game.web.client import Participant

from .browser import launch, served_room, watch_csp
from .webkit import TOKEN, join_code

playwright_api = pytest.importorskip("playwright.sync_api")
FACILITATOR = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}
LATE_STREAM = """() => {  // the console's stream begins 2 s after the page, as on a slow laptop
  const Real = window.EventSource;
  window.EventSource = function (url) {
    const fake = { handlers: [], addEventListener(k, f) { this.handlers.push([k, f]); } };
    setTimeout(() => { const es = new Real(url); fake.handlers.forEach(([k, f]) => es.addEventListener(k, f)); }, 2000);
    return fake;
  };
}"""
FIELDS = """() => {
  const shown = id => { const e = document.getElementById(id); return e && !e.closest('[hidden]') ? e.textContent.trim() : null; };
  const told = document.querySelector('#end-confirm input[name=unfinished]');
  const rows = {};
  document.querySelectorAll('#teams tbody tr').forEach(tr => {
    const c = [...tr.children].map(td => td.textContent.trim());
    rows[tr.querySelector('a').textContent] = c;
  });
  return { pace: shown('room-pace'), waiting: shown('room-waiting'), joining: shown('room-joining'),
           counts: shown('room-counts'), paused: shown('room-paused'), next_round: shown('next-round'),
           behind: shown('behind'), all_open: shown('all-open'), end_question: shown('end-confirm'),
           unfinished: told ? told.value : null, team_count: shown('team-count'), rows: rows };
}"""


class Team:
    """A team played through the API by a bot, one turn at a time (as `simulate --server` plays)."""

    def __init__(self, base: str, code: str, name: str, policy: str = "balanced"):
        self.p = Participant(base, retry_for=10)
        self.p.join(name, code)
        self.local, self.policy = self.p.mirror(), policy

    def decide(self) -> None:
        self.p.state()
        answer = self.p.decide(self.local.turn + 1, bot_decision(self.local, self.policy))
        assert answer is not None, "the room held the turn"
        self.local.decide(Decision.from_json(answer["decision"]))


def _post(local: str, path: str, **form) -> None:
    r = httpx.post(local + path, data=form, headers=FACILITATOR, timeout=10)
    assert r.status_code == 200, r.text


def _same(live, fresh, what: str) -> dict:
    """Wait until the live console says what a console loaded now says; then the fields, for more checks."""
    end, seen = time.monotonic() + 8, None
    while time.monotonic() < end:
        fresh.goto(fresh.url)
        seen = (live.evaluate(FIELDS), fresh.evaluate(FIELDS))
        if seen[0] == seen[1]:
            return seen[1]
        time.sleep(0.3)
    diff = {k: (seen[0][k], seen[1][k]) for k in seen[1] if seen[0][k] != seen[1][k]}
    raise AssertionError(f"after {what}, the live console differs from a fresh one (live, fresh): {diff}")


def _consistent(fields: dict, what: str) -> None:
    """The room line never contradicts itself: the teams it waits for are not among those counted decided."""
    if fields["waiting"]:
        waiting, teams = (int(w) for w in fields["waiting"].split()[2::2])
        decided = sum(int(n) for n, kind in zip(fields["counts"].split()[::2], fields["counts"].split()[1::2])
                      if kind == "decided")
        assert waiting + decided <= teams, f"after {what}: '{fields['waiting']}' beside '{fields['counts']}'"


def test_the_live_console_says_what_a_reloaded_console_says_after_every_change(tmp_path):
    with served_room(tmp_path, seed=5) as (base, local, _ws):
        code = join_code(local)
        teams = [Team(local, code, "Amber"), Team(local, code, "Birch"), Team(local, code, "Cedar", "management")]
        _post(local, "/console/pace", pace="rounds", advance="facilitator")
        _post(local, "/console/start")  # rounds chosen before the start: starting opens turn 1
        teams[0].decide()
        teams[1].decide()
        problems: list[str] = []
        with playwright_api.sync_playwright() as p:
            browser = launch(p)
            try:
                ctx = browser.new_context(viewport={"width": 1280, "height": 800})
                watch_csp(ctx, problems)
                live = ctx.new_page()
                live.on("pageerror", lambda e: problems.append(f"script error: {e}"))
                live.add_init_script(script=f"({LATE_STREAM})()")
                live.goto(f"{base}/console?token={TOKEN}")
                plain = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
                fresh = plain.new_page()
                fresh.goto(f"{base}/console?token={TOKEN}")

                # before the console's stream begins, the last team decides and the rule changes: round 2 opens
                # by itself (the trainer's "Open turn 4" beside "Opening turn 5")
                teams[2].decide()
                _post(local, "/console/pace", pace="rounds", advance="all_decided")
                f = _same(live, fresh, "the round opening by itself before the stream began")
                assert f["pace"] == "Rounds: turn 2 of 12 open" and f["next_round"] == "Open turn 3 now, without waiting"
                _consistent(f, "the round opening")

                teams[0].decide()
                f = _same(live, fresh, "a team deciding")
                _consistent(f, "a team deciding")
                assert "Birch (on turn 2), Cedar (on turn 2)" in f["behind"]

                _post(local, "/console/pace", pace="rounds", advance="facilitator")
                teams[1].decide()
                teams[2].decide()
                f = _same(live, fresh, "switching back to 'when I open it'")
                _consistent(f, "switching back")

                _post(local, "/console/pace", pace="free")
                live.click("#end-ask")  # the end's question, open while games end (it names the unfinished)
                live.wait_for_selector("#end-confirm")
                fresh.goto(f"{base}/console?confirm=end")
                f = _same(live, fresh, "asking to end")
                assert "3 of 3 teams have not finished" in f["end_question"] and f["unfinished"] == "3"

                while not teams[2].local.done:  # the all-management team loses early
                    teams[2].decide()
                f = _same(live, fresh, "a team losing")
                assert f["rows"]["Cedar"][2] == f"finished LOSS: {teams[2].local.ending.title}", f["rows"]["Cedar"]
                assert "2 of 3 teams have not finished" in f["end_question"] and f["unfinished"] == "2"
                assert "Cedar" not in f["end_question"]

                while not teams[0].local.done:
                    teams[0].decide()
                f = _same(live, fresh, "a team finishing")
                assert "1 of 3 teams has not finished" in f["end_question"] and f["unfinished"] == "1"
            finally:
                browser.close()
        for t in teams:
            t.p.close()
        assert problems == []
