"""An event's answers on the participant's page say what each is expected to change, with its direction, at every
difficulty, in the words the terminal and the window take from game/views/event.py (s7 trainer 4, finding 1: on
Standard the browser showed only "Present a detailed plan and forecast" / "Present the vision and trust the team",
while the terminal showed "Budget up •••" / "Budget down •••", so browser teams chose blind)."""

from __future__ import annotations

import html
import re

import pytest

from game.session import Decision, Session
from game.views.event import event

from .eventkit import LABEL, PROCESS, big_event_workshop
from .webkit import bearer, join, make_client


def _after_turn_1(ws) -> Session:
    """The same game offline after an empty turn 1: the event's turn, as the views see it."""
    local = Session(ws.load_scenario(), ws.seed, ws.difficulty)
    local.decide(Decision((), None))
    return local


def _text(part: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part))).strip()


def _choice_blocks(page: str) -> dict[str, str]:
    """Each answer's block of the page's HTML, by the answer's id."""
    parts = page.split('<div class="choice">')[1:]
    out = {}
    for part in parts:
        found = re.search(r'name="choice" id="ch-([^"]+)"', part)
        assert found, part[:200]
        out[found.group(1)] = part.split("</fieldset>")[0]
    return out


@pytest.mark.parametrize("difficulty, first, second, alone", [
    ("guided", "Budget +12k", "Morale -9", "Morale +2"),
    ("standard", "Budget up •••", "Morale down •••", "Morale up •"),
    ("expert", "Budget up", "Morale down", "Morale up")])
def test_each_answer_shows_its_expected_changes_from_the_views(tmp_path, difficulty, first, second, alone):
    ws = big_event_workshop(tmp_path, difficulty)
    with make_client(tmp_path / "games.sqlite3", ws) as client:
        client.post("/join", data={"team": "Blue", "code": client.app.state.games.join_code})
        assert client.post("/play/decide", data={"turn": "1"}, follow_redirects=False).status_code == 303
        page = client.get("/play").text
    local = _after_turn_1(ws)
    ev = event(local)
    blocks = _choice_blocks(page)
    assert list(blocks) == [c.id for c in ev.choices]
    label = "Expected direction" if difficulty == "expert" else "Expected"
    assert ev.expected_label == label
    many, one = (_text(blocks[c.id]) for c in ev.choices)
    # the views' own words, whole: the three largest with their timing, then the rest as the web's cards list them
    assert many == f"1 {LABEL} {label}: {ev.choices[0].timed_effects_text} {ev.choices[0].more_text}", many
    assert one == f"2 Move one {label}: {ev.choices[1].timed_effects_text}", one
    # and what those words are at this difficulty (the views could not hand over nothing, or sizes without a way)
    assert many.startswith(f"1 {LABEL} {label}: {first}, {second}, {PROCESS} ") and "… and 2 more: Stress" in many
    assert one.endswith(f"{label}: {alone}")
    if difficulty == "expert":
        assert "•" not in many + one
    # the screen reader hears the words with the answer: the radio names its line
    for c in ev.choices:
        assert f'aria-describedby="ch-{c.id}-e"' in blocks[c.id] and f'id="ch-{c.id}-e"' in blocks[c.id]
    # a scenario's words are text, never markup
    assert "<b>them" not in page and "<i>maturity" not in page
    assert "Move &lt;b&gt;them&lt;/b&gt; &amp; all" in page and "Process &lt;i&gt;maturity&lt;/i&gt;" in page


def test_the_api_gives_a_bot_the_same_expected_words(tmp_path):
    ws = big_event_workshop(tmp_path, "standard")
    with make_client(tmp_path / "games.sqlite3", ws) as client:
        token = join(client, "Bots")["token"]
        h = bearer(token)
        assert client.post("/api/decide", json={"turn": 1, "actions": [], "choice": None}, headers=h).status_code == 201
        state = client.get("/api/state", headers=h).json()
    local = _after_turn_1(ws)
    assert [c["expected"] for c in state["event"]["choices"]] == [c.effects_text for c in event(local).choices]
    assert state["event"]["choices"][1]["expected"] == "Morale up •"
