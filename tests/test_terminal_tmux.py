"""Terminal play in a real terminal (tmux, 80x24), as a player meets it: what is on the screen when the
game waits. One game from a save two turns before the end (Guided), driven by keys, its screens
captured at each prompt; one short timed workshop game for the turn clock.

- the turn report stays on screen until the player has read it (issue 10);
- Guided shows the hidden drivers with the metrics (issue 10 point 7);
- `i N` shows every expected effect that the 80-column table cuts (player finding 7);
- the debrief is paged: every part of it is on screen at some prompt (player finding 8);
- the turn clock counts down, and its running out is said once (trainer finding 14).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from game.autoplay import bot_decision
from game.scenario.loader import load
from game.session import Session
from game.views.cards import cards
from game.views.debrief import debrief

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 80, 24
SOCKET = Path(tempfile.mkdtemp(prefix="leadsim-tmux-")) / "socket"  # a private server, its socket removed after


class Tmux:
    """One program in a detached tmux window of 80x24 on a private server: keys in, the screen out."""

    def __init__(self, argv: list[str], home: Path, size: tuple[int, int] = (WIDTH, HEIGHT)):
        self.leadsim_home = home / "leadsim"  # the game's own saves folder, apart from the test process's
        env = f"XDG_DATA_HOME={home} HOME={home} LEADSIM_HOME={self.leadsim_home} PYTHONPATH={ROOT}"
        command = f"cd {home} && env {env} {sys.executable} -m game {' '.join(argv)}; sleep 60"
        self.name = f"t{time.monotonic_ns()}"
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]), command)

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-S", str(SOCKET), *args], check=True, capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name).replace("\u00a0", " ")

    def send(self, line: str) -> None:
        if line:
            self.tmux("send-keys", "-t", self.name, "-l", line)
        self.tmux("send-keys", "-t", self.name, "Enter")

    def wait_for(self, *texts: str, timeout: float = 90.0, unlike: str | None = None) -> str:
        """The screen once its last line with text is one of the prompts `texts`, waiting for an answer,
        and it is no longer the screen `unlike` (the one before the last answer)."""
        end = time.monotonic() + timeout
        while True:
            shown = self.screen()
            x, y = map(int, self.tmux("display", "-p", "-t", self.name, "#{cursor_x} #{cursor_y}").split())
            at = shown.split("\n")[y] if y < len(shown.split("\n")) else ""
            # the cursor just after a prompt with nothing typed yet: the game waits for an answer
            waiting = at.rstrip().endswith(":") and x >= len(at.rstrip()) and at == last_line(shown)
            if shown != unlike and waiting and any(at.startswith(t) for t in texts):
                return shown
            if time.monotonic() > end:
                raise AssertionError(f"waited for {texts}; the screen shows:\n{shown}")
            time.sleep(0.1)

    def answer(self, line: str, *texts: str) -> str:
        """Type `line` and Enter; the screen at the next of the prompts `texts`."""
        before = self.screen()
        self.send(line)
        return self.wait_for(*texts, unlike=before)

    def close(self) -> None:
        self.tmux("kill-session", "-t", self.name)


def last_line(screen: str) -> str:
    return ([line for line in screen.split("\n") if line.strip()] or [""])[-1]


PAUSE, MORE, ACTIONS, EVENT = "Press Enter", "Press Enter for more", "Actions for this turn", "How do you answer?"
TAKE_BACK, CONFIRM = "Turn to try again", "not ask again:"


@pytest.fixture(scope="module")
def near_the_end(tmp_path_factory):
    """A Guided tutorial saved before its last two turns, played on in tmux: the screens at every
    prompt, in order, as (prompt, screen), and the session the save holds."""
    from game import saves

    home = tmp_path_factory.mktemp("home")
    s = Session(load("tutorial"), 5, "guided")
    while s.turn < s.scenario.turns - 2:
        s.decide(bot_decision(s, "adaptive"))
    saves.save(s, home / "game.json")
    term = Tmux(["play", "--load", str(home / "game.json"), "--text"], home)
    prompts = (PAUSE, ACTIONS, EVENT, TAKE_BACK, CONFIRM)
    screens, owed, effects = [], None, None  # owed: the numbers of the decision already played on `s`
    try:
        screen = term.wait_for(*prompts)
        while True:
            last = last_line(screen)
            screens.append((last, screen))
            if last.startswith(TAKE_BACK):
                break
            if last.startswith(EVENT) or (last.startswith(ACTIONS) and owed is None):
                d = bot_decision(s, "adaptive")  # typed as a player types it, and played on `s` too
                letter = "abcdefgh"[[c.id for c in s.event.choices].index(d.choice)] if s.event else None
                if effects is None:
                    effects = cards(s, top=len(s.scenario.metrics))[3].effects
                s.decide(d)
                owed = " ".join(str(s.rules.actions.index(a) + 1) for a in d.actions)
            if last.startswith(EVENT):
                screen = term.answer(letter, *prompts)
            elif last.startswith(ACTIONS):
                if not any(p == "i 4" for p, _ in screens):
                    screens[-1] = ("i 4", screen)
                    screen = term.answer("i 4", ACTIONS)
                    screens.append(("i 4 shown", screen))
                screen, owed = term.answer(owed, *prompts), None
            elif last.startswith(CONFIRM):
                screen = term.answer("y", *prompts)
            else:
                screen = term.answer("", *prompts)
    finally:
        term.close()
    return screens, saves.load(home / "game.json"), effects


def test_the_turn_report_is_whole_on_screen_before_the_next_turn_is_drawn(near_the_end):
    screens, s, effects = near_the_end
    pauses = [screen for prompt, screen in screens if prompt.startswith("Press Enter for turn")]
    assert pauses, "no pause before the next turn"
    report = pauses[0]
    turn = s.scenario.turns - 2 + 1
    assert f"Turn {turn} report: what changed and why" in report
    assert "Because of" in report and report.rstrip().endswith(f"Press Enter for turn {turn + 1} (q saves and leaves):")


def test_guided_shows_the_hidden_drivers_beside_the_metrics(near_the_end):
    screens, s, effects = near_the_end
    turn_screens = [screen for prompt, screen in screens if prompt in ("i 4",) or prompt.startswith(ACTIONS)]
    for screen in turn_screens[:1]:
        under = next(line for line in screen.split("\n") if line.startswith("Underneath:"))
        assert "Trust" in under and "Morale" in screen


def test_i_n_shows_every_expected_effect_that_the_table_cuts(near_the_end):
    screens, s, effects = near_the_end
    shown = dict(screens)["i 4 shown"]
    panel = shown[shown.index("Empower and delegate (leadership"):]
    flat = " ".join(line.strip("│ ") for line in panel.split("\n"))
    assert len(effects) > 3  # the table shows three at most
    assert "Expected: " + ", ".join(e.words for e in effects) in " ".join(flat.split())


def test_the_debrief_is_paged_so_each_part_is_on_screen_at_a_prompt(near_the_end):
    screens, s, effects = near_the_end
    first = next(n for n, (_, screen) in enumerate(screens) if "Game over" in screen)
    pages = [screen for _, screen in screens[first:]]
    assert len(pages) >= 4 and screens[first][0].startswith(MORE)  # about 130 lines at 80 columns
    seen = " ".join(" ".join(page.replace("│", " ").split()) for page in pages)
    d = debrief(s)
    for part in ("Game over", d.score_heading, d.ending_title, "What was going on underneath", "Insights"):
        assert part in seen, part
    for insight in d.insights:
        assert " ".join(insight.split()) in seen, insight
    assert "Review" in seen and "leadsim review" in seen


def test_the_start_pauses_once_and_keeps_the_first_phase_above_turn_1(tmp_path):
    """Fresh 16: at 80x24 the tutorial's start paused twice in a row (after the briefing, again before
    turn 1). Now the briefing and the goal are one screen, then the first phase sits above turn 1
    (Guided, the tallest turn screen: its hidden drivers take two lines more)."""
    term = Tmux(["play", "tutorial", "--seed", "5", "--difficulty", "guided", "--text"], tmp_path)
    try:
        screens = [term.wait_for(PAUSE, ACTIONS)]
        while not last_line(screens[-1]).startswith(ACTIONS):
            screens.append(term.answer("", PAUSE, ACTIONS))
    finally:
        term.close()
    assert len(screens) == 2, "the start pauses more than once:\n" + "\n----\n".join(screens)
    briefing, turn = screens
    assert "Welcome to Leadsim" in briefing and "To win" in briefing and "Ownership below" in briefing
    top = turn.split("\n")[0]
    assert "The first phase: Startup" in top and "Turn 1 of 12" in turn and "Underneath:" in turn, turn
    assert "1.5x" in turn and "Type ? at any prompt for help." in turn


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_a_player_typing_ahead_never_loses_a_turn(tmp_path, size):
    """s7 player 3, findings 1 and 6: keys typed at the end-turn question were dropped, the next Enter
    ended the turn with nothing chosen, keys typed at 'Press Enter for turn N' were taken as Enter, and
    at 120x40 the report ran on into the next turn's table with no pause."""
    from game import saves

    term = Tmux(["play", "tutorial", "--seed", "5", "--difficulty", "standard", "--text"], tmp_path, size)
    try:
        screen = term.wait_for(PAUSE, ACTIONS)
        while not last_line(screen).startswith(ACTIONS):
            screen = term.answer("", PAUSE, ACTIONS)
        # nothing chosen: asked (the question's last line as the terminal's width wraps it)
        screen = term.answer("", "End the turn anyway?", "never = end it", CONFIRM)
        assert "You have not picked any actions yet" in screen
        screen = term.answer("1 2", PAUSE)  # typed at the question: taken as turn 1's actions
        assert last_line(screen).startswith("Press Enter for turn 2"), screen  # at every size
        assert "Turn 1 report: what changed and why" in screen  # the report's top in view at its pause
        screen = term.answer("3 4", PAUSE)  # typed at the pause: taken as turn 2's actions
        shown = term.tmux("capture-pane", "-p", "-S", "-60", "-t", term.name)
        assert "(typed at the pause before this turn)" in " ".join(shown.split()), shown
        while not last_line(screen).startswith("Press Enter for turn 3"):
            screen = term.answer("", PAUSE)
        term.send("q")
        time.sleep(1.5)
    finally:
        term.close()
    s = saves.load(tmp_path / "leadsim" / "autosave.json")
    assert s.turn == 2 and [len(d.actions) for d in s.log] == [2, 2], [d.actions for d in s.log]


def test_the_turn_clock_counts_down_and_its_end_is_said_once(tmp_path):
    home = tmp_path
    subprocess.run([sys.executable, "-m", "game", "workshop", "new", "--scenario", "tutorial", "--seed", "3",
                    "--name", "Clock", "--turn-seconds", "10", "--out", str(home / "ws.json")],
                   check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home),
                                                         "XDG_DATA_HOME": str(home)})
    term = Tmux(["play", "--workshop", str(home / "ws.json"), "--team", "Blue", "--text"], home)
    try:
        while not term.wait_for(PAUSE, ACTIONS).rstrip().split("\n")[-1].startswith(ACTIONS):
            term.send("")
        first = next(line for line in term.screen().split("\n") if line.startswith("Turn clock:"))
        term.tmux("send-keys", "-t", term.name, "-l", "1 2")  # typed, never entered
        time.sleep(2.5)
        later = next(line for line in term.screen().split("\n") if line.startswith("Turn clock:"))
        assert first != later and later < first, (first, later)  # '0:07 left' < '0:10 left'
        assert "1 2" in term.screen().split("\n")[-1] or "1 2" in term.screen()  # the typing stays
        screen = term.wait_for("Press Enter for turn 2", timeout=20)
        assert screen.count("clock ran out") + screen.count("Time is up") == 1, screen
        assert "Turn clock: 0:00 left" in screen
    finally:
        term.close()


def teardown_module(module):
    subprocess.run(["tmux", "-S", str(SOCKET), "kill-server"], capture_output=True)
    shutil.rmtree(SOCKET.parent, ignore_errors=True)
