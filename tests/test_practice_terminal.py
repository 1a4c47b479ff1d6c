"""Practice from the review in the terminal (player s6 finding 1): after the review a turn number starts a
practice copy there; each turn of it shows what was chosen in the original game, the practised turn the
review's better decision, and its end how it compares; the original save stays as it was. Also
`leadsim play --load FILE --from-turn N --text`, and the same in a real terminal (tmux, 80x24)."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from rich.console import Console

from game import saves
from game.autoplay import bot_decision
from game.scenario.loader import load
from game.session import Session
from game.terminal import TerminalGame

from test_terminal_play import Typed


def finished_tutorial(seed: int = 238579) -> Session:
    s = Session(load("tutorial"), seed, "guided")
    while not s.done:
        s.decide(bot_decision(s, "adaptive"))
    return s


def typed_decisions(s: Session, decisions) -> list[str]:
    """What a player types for these decisions, turn by turn: the event's letter first, then the action keys."""
    game = Session(s.loaded, s.seed, s.difficulty)
    for d in s.log[:len(s.log) - len(decisions)]:
        game.decide(d)
    out = []
    for d in decisions:
        if game.event is not None:
            out.append("abcdefgh"[[c.id for c in game.event.choices].index(d.choice)])
        out.append(" ".join(str(game.rules.actions.index(a) + 1) for a in d.actions) or "")
        game.decide(d)
    return out


def test_a_turn_number_after_the_review_plays_a_practice_copy_and_keeps_the_original(tmp_path, monkeypatch):
    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path))
    original = finished_tutorial()
    mine = tmp_path / "mine.json"
    saves.save(original, mine)
    before = mine.read_bytes()
    out = io.StringIO()
    lines = ["2", *typed_decisions(original, original.log[1:]), ""]
    stdin = Typed(lines, echo=out, enter_at_pauses=True)
    game = TerminalGame(saves.load(mine), Console(file=out, width=100, height=400, color_system=None), stdin=stdin,
                        save_path=mine)
    assert game.run() == 0
    text = " ".join(out.getvalue().split())
    assert "To practise, type a turn number" in text and "Turn to try again (1-12" in text
    assert "Practice from the start of turn 2, on the same luck: your original game is kept as it was." in text
    from game.analysis.review import review
    from game.views.review.costly import turn_promise
    promise = turn_promise(original, review(original), 2)  # any turn typed says what repeating gets (s7 p4, 1)
    assert promise.startswith("Practise turn 2 with the decision to do instead") and promise in text, promise
    assert f"Practice from turn 2 of your game that scored {original.score():.1f} points." in text
    for turn in (2, 3, 12):
        assert f"There, at turn {turn}, you chose: " in text
    assert "The review's better decision here: " in text or "The review found no better decision here" in text
    assert text.count("better decision here") == 1  # at the practised turn only
    # the same decisions again: the same game, and its end says so against the original
    assert f"Practice from turn 2: {original.score():.1f} points, the same as your original game" in text
    assert mine.read_bytes() == before
    (practised,) = (tmp_path / "saves").glob("tutorial-seed238579-practice-from-turn2-*.json")
    again = saves.load(practised)
    assert again.done and again.state.digest() == original.state.digest() and again.meta["practice"]["from_turn"] == 2


def test_play_load_from_turn_text_starts_the_practice_with_the_review_s_advice(tmp_path, monkeypatch, capsys):
    from game.cli import main

    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path))
    original = finished_tutorial()
    mine = tmp_path / "mine.json"
    saves.save(original, mine)
    before = mine.read_bytes()
    monkeypatch.setattr("sys.stdin", Typed(["", "q"]))
    assert main(["play", "--load", str(mine), "--from-turn", "5", "--text"]) == 0
    said = capsys.readouterr()
    text = " ".join(said.out.split())
    assert "Turn 5 of 12" in text and "Practice from turn 5 of your game that scored" in text
    assert "There, at turn 5, you chose: " in text and "better decision here" in text
    assert mine.read_bytes() == before
    (practised,) = (tmp_path / "saves").glob("*-practice-from-turn5-*.json")
    data = json.loads(practised.read_text())
    assert data["turn"] == 4 and data["log"] == json.loads(before)["log"][:4]
    # bad numbers and combinations: one line, non-zero
    for argv, words in ((["--from-turn", "13"], "turns 1 to 12"), (["--from-turn", "0"], "turns 1 to 12"),
                        (["--from-turn", "2", "--seed", "4"], "cannot be combined with --seed")):
        code = main(["play", "--load", str(mine), "--text", *argv])
        err = capsys.readouterr().err.strip()
        assert code != 0 and words in err and len(err.splitlines()) == 1, err
    code = main(["play", "tutorial", "--from-turn", "2", "--text"])
    assert code == 2 and "--load SAVE" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_practice_in_a_real_terminal_at_80x24(tmp_path, leadsim_home):
    from test_terminal_tmux import Tmux

    original = finished_tutorial()
    mine = tmp_path / "mine.json"
    saves.save(original, mine)
    before = mine.read_bytes()
    term = Tmux(["play", "--load", str(mine), "--text"], tmp_path)
    prompts = ("Press Enter", "Turn to try again", "Actions for this turn", "How do you answer?")
    try:
        screen = term.wait_for(*prompts, timeout=120)
        for _ in range(40):
            if screen.rstrip().split("\n")[-1].startswith("Turn to try again"):
                break
            screen = term.answer("", *prompts)
        assert "To practise, type a turn number" in screen
        screen = term.answer("3", *prompts)
        for _ in range(4):  # the practice's start and its turn 3 (a pause first on a short screen)
            if "Actions for this turn" in screen.rstrip().split("\n")[-1] or "How do you answer" in screen:
                break
            screen = term.answer("", *prompts)
        flat = " ".join(screen.split())
        assert "Practice from turn 3 of your game" in flat and "There, at turn 3, you chose:" in flat, screen
        assert "better decision here" in flat, screen
        assert len(screen.rstrip().split("\n")) <= 24  # all of turn 3 on one screen, the notes included
        term.send("q")
    finally:
        term.close()
    assert mine.read_bytes() == before
    # the tmux game saves in its own LEADSIM_HOME (Tmux sets it), not the test process's
    assert list((term.leadsim_home / "saves").glob("tutorial-seed238579-practice-from-turn3-*.json"))
    assert not (leadsim_home / "saves").exists()  # and never in the test's own folder
