"""Hot reload (`leadsim play FILE --watch`): the file watcher, replay on a new version, terminal play."""

import io
import shutil
from pathlib import Path

import pytest
from rich.console import Console

from game.scenario.loader import LoadedScenario, load
from game.scenario.problems import ScenarioError
from game.session import Decision, Session
from game.terminal import TerminalGame, TerminalWatch
from game.watch import FileWatcher, ScenarioWatcher, reload_session, watch_target

from .conftest import ROOT, run_cli
from tests.kit import FakeClock as Clock

TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
TURNS = [("share_vision", "organize"), ("inspire", "coach"), ("empower", "set_goals"), ("coach", "plan_work")]
VISION = "effects: {morale: 5, trust: 3}"


@pytest.fixture
def scenario(tmp_path):
    path = tmp_path / "my_team.yaml"
    shutil.copy(TUTORIAL, path)
    return path


def play(session, turns=TURNS):
    for acts in turns:
        session.decide(Decision(acts, session.event.choices[0].id if session.event else None))
    return session


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


# --- the watcher --------------------------------------------------------------------------------
def test_watcher_reports_a_settled_change_once(scenario):
    clock = Clock()
    w = FileWatcher(scenario, clock=clock, interval=0.5, settle=0.3)
    assert w.poll() == (False, None)
    edit(scenario, "turns: 12", "turns: 11")
    clock.now += 0.5
    assert w.poll() == (False, None)  # just changed: wait for the editor to finish writing
    edit(scenario, "turns: 11", "turns: 10")  # the editor's second write
    clock.now += 0.5
    assert w.poll() == (False, None)
    clock.now += 0.2
    assert w.poll() == (False, None)  # polled too soon: not even looked at
    clock.now += 0.5
    changed, raw = w.poll()
    assert changed and b"turns: 10" in raw
    clock.now += 1
    assert w.poll() == (False, None)  # reported once
    scenario.write_bytes(scenario.read_bytes())  # saved again without a change
    for _ in range(3):
        clock.now += 1
        assert w.poll() == (False, None)


def test_watcher_reports_a_vanished_file_as_a_problem(scenario):
    clock = Clock()
    w = ScenarioWatcher(scenario, clock=clock)
    scenario.unlink()
    results = []
    for _ in range(4):
        clock.now += 0.5
        results.append(w.check())
    problems = [r for r in results if r is not None]
    assert len(problems) == 1 and isinstance(problems[0], ScenarioError)
    assert "gone" in str(problems[0])


def test_watch_needs_a_file_not_a_builtin(tmp_path):
    with pytest.raises(ValueError, match="built-in"):
        watch_target("tutorial")
    code, out, err = run_cli("play", "tutorial", "--watch", "--text")
    assert code == 2 and "built-in" in err and "leadsim new" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    code, _, err = run_cli("play", "--watch")
    assert code == 2 and "--watch needs a scenario file" in err
    path = tmp_path / "x.yaml"
    shutil.copy(TUTORIAL, path)
    code, _, err = run_cli("play", str(path), "--watch", "--load", "save.json")
    assert code == 2 and "--load" in err


# --- replay on the new version -------------------------------------------------------------------
def test_changed_effect_replays_every_turn_with_the_new_numbers(scenario):
    old = play(Session(load(str(scenario)), 5))
    edit(scenario, VISION, "effects: {morale: 15, trust: 3}")
    r = reload_session(old, load(str(scenario)))
    assert r.complete and r.session.log == old.log and r.session.turn == old.turn
    assert r.session.value("morale") > old.value("morale") + 3
    assert r.session.value("trust") == pytest.approx(old.value("trust"), abs=2)
    assert r.session.seed == old.seed and r.session.difficulty == old.difficulty
    assert "replayed 4 of 4 turns" in r.message and "turn 5 of 12" in r.message


def test_removed_action_stops_replay_at_its_turn(scenario):
    old = play(Session(load(str(scenario)), 5))
    edit(scenario, "  - id: empower\n", "  - id: hand_over\n")
    r = reload_session(old, load(str(scenario)))
    assert not r.complete and r.session.turn == 2
    assert r.session.log == old.log[:2]
    assert r.message.startswith("replayed 2 of 4 turns; turn 3 no longer fits: unknown action 'empower'")
    assert "You continue from turn 3." in r.message
    r.session.decide(Decision(("hand_over",), r.session.event.choices[0].id if r.session.event else None))


def test_longer_cooldown_stops_replay(scenario):
    old = play(Session(load(str(scenario)), 5), TURNS[:3] + [("share_vision",)])
    edit(scenario, "cooldown: 2\n  - id: inspire", "cooldown: 5\n  - id: inspire")
    r = reload_session(old, load(str(scenario)))
    assert r.session.turn == 3 and "turn 4 no longer fits" in r.message and "resting" in r.message


def test_fewer_turns_than_played_ends_the_game(scenario):
    old = play(Session(load(str(scenario)), 5))
    edit(scenario, "turns: 12", "turns: 3")
    edit(scenario, "starts_at_turn: 7", "starts_at_turn: 3")
    r = reload_session(old, load(str(scenario)))
    assert r.session.done and r.session.turn == 3
    assert "replayed 3 of 4 turns" in r.message and "only 3 turns" in r.message


# --- terminal play -------------------------------------------------------------------------------
class EditingInput(io.StringIO):
    """Piped answers; before the answer with index k is read, edits[k](path) changes the file."""

    def __init__(self, lines, edits):
        super().__init__("".join(f"{line}\n" for line in lines))
        self.edits = edits
        self.n = 0

    def readline(self, *a):
        if self.n in self.edits:
            self.edits.pop(self.n)()
        self.n += 1
        return super().readline(*a)


def terminal_game(scenario, stdin, clock, on_sleep=None):
    out = io.StringIO()
    session = Session(load(str(scenario)), 5)
    game = TerminalGame(session, console=Console(file=out, width=200, highlight=False), stdin=stdin)
    watcher = ScenarioWatcher(scenario, session.loaded.sha256, clock=clock)

    def sleep(seconds):
        clock.sleep(seconds)
        if on_sleep:
            on_sleep()

    game.watch = TerminalWatch(watcher, sleep=sleep)
    return game, out


def test_terminal_reloads_before_the_next_turn(scenario):
    clock = Clock()
    stdin = EditingInput(["1 6", "2 3", "4 7"], {2: lambda: edit(scenario, VISION, "effects: {morale: 15, trust: 3}")})
    game, out = terminal_game(scenario, stdin, clock)
    assert game.run() == 0
    text = out.getvalue()
    assert "Scenario reloaded: replayed 3 of 3 turns; you continue at turn 4 of 12" in text
    assert game.s.scenario.actions[0].effects["morale"] == 15
    assert [d.actions for d in game.s.log] == [("share_vision", "organize"), ("inspire", "coach"),
                                               ("empower", "set_goals")]
    assert "Input ended." in text


def test_terminal_waits_while_the_file_is_invalid_and_resumes_when_fixed(scenario):
    clock = Clock()
    good = scenario.read_text()
    sleeps = []

    def author_fixes_it_later():
        sleeps.append(clock.now)
        if len(sleeps) == 4:
            scenario.write_text(good.replace("turns: 12", "turns: 10"))

    stdin = EditingInput(["1 6", "2 3"], {1: lambda: scenario.write_text(good.replace("turns: 12", "turns: lots"))})
    game, out = terminal_game(scenario, stdin, clock, author_fixes_it_later)
    first = game.s
    assert game.run() == 0
    text = out.getvalue()
    assert f"{scenario}:" in text and "turns must be a whole number" in text
    assert "the game continues when it validates" in text
    assert text.count("turns must be a whole number") == 1  # said once, not at every poll
    assert "Scenario reloaded: replayed 2 of 2 turns; you continue at turn 3 of 10" in text
    assert game.s is not first and game.s.scenario.turns == 10 and game.s.turn == 2


def test_cli_text_watch_plays_and_stops_at_end_of_input(scenario, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("1 6\n"))
    code, out, err = run_cli("play", str(scenario), "--watch", "--text", "--seed", "2")
    assert code == 0, err
    assert "Turn 2 of 12" in out and "Input ended." in out


def test_loaded_scenario_type_is_returned(scenario):
    clock = Clock()
    w = ScenarioWatcher(scenario, clock=clock)
    edit(scenario, "turns: 12", "turns: 11")
    results = []
    for _ in range(3):
        clock.now += 0.5
        results.append(w.check())
    got = [r for r in results if r is not None]
    assert len(got) == 1 and isinstance(got[0], LoadedScenario) and got[0].scenario.turns == 11
    assert got[0].source == str(scenario)


# --- text from the watched file reaches the terminal as plain text (issue 11 point 3) ----------------------

ESCAPES = ("\x1b", "\x07", "\x9b")


def test_a_reload_message_has_no_escape_from_the_file(scenario):
    edit(scenario, "  budget:\n", '  budget:\n    title: "Bud\\e[2Jget\\e]0;pwned\\a"\n')
    before = play(Session(load(str(scenario)), 5))
    edit(scenario, "unit: \"k\"", "unit: \"k\\e[5m\"")
    edit(scenario, "start: 80", "start: 180")  # the budget moves most: the message names it
    r = reload_session(before, load(str(scenario)))
    assert "Budget" in r.message and "k (was" in r.message  # the title and unit are named, escapes gone
    assert not any(c in r.message for c in ESCAPES), repr(r.message)


def test_a_replay_stopped_by_a_title_with_escapes_says_so_in_plain_text(scenario):
    edit(scenario, 'title: "Share the vision"', 'title: "Share\\e[31m the vision"')
    turns = [("share_vision", "organize"), ("inspire", "coach"), ("empower", "set_goals"), ("share_vision", "coach")]
    before = play(Session(load(str(scenario)), 5), turns)
    edit(scenario, "cooldown: 2", "cooldown: 9")
    r = reload_session(before, load(str(scenario)))
    assert "turn 4 no longer fits: 'Share the vision' is not available" in r.message, r.message
    assert not any(c in r.message for c in ESCAPES), repr(r.message)


def test_the_problems_of_a_file_being_fixed_are_printed_without_its_escapes(scenario):
    clock = Clock()
    good = scenario.read_text()
    bad = good.replace("id: share_vision", 'id: "sh\\e[31m\\e]0;pwned\\a"', 1)
    sleeps = []

    def author_fixes_it_later():
        sleeps.append(clock.now)
        if len(sleeps) == 3:
            scenario.write_text(good)

    stdin = EditingInput(["1 6", "2 3"], {1: lambda: scenario.write_text(bad)})
    game, out = terminal_game(scenario, stdin, clock, author_fixes_it_later)
    assert game.run() == 0
    text = out.getvalue()
    assert "is not a valid id" in text
    assert not any(c in text for c in ESCAPES), repr(text[text.index("problem"):][:300])
