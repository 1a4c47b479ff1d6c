"""Terminal play as a player at a keyboard meets it (issue 10 points 2 and 8): titles in messages, event
answers by number, the end-turn question, the metrics above the prompt on an 80x24 terminal, and resuming
an unfinished game. The same checks run by hand in tmux; these drive TerminalGame with typed lines."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from game.session import Session
from game.terminal import TerminalGame

from kit import loaded, quiet


class Typed(io.StringIO):
    """Lines typed at a terminal: `isatty` says True, so the game behaves as it does for a person, and
    with `echo` each line appears in the output after its prompt, as a terminal shows what is typed."""

    def __init__(self, lines, tty: bool = True, echo: io.StringIO | None = None, enter_at_pauses: bool | str = False):
        """`enter_at_pauses`: Enter at every pause ('Press Enter...'), or at the pauses starting with this text."""
        super().__init__("".join(f"{line}\n" for line in lines))
        self.tty, self.echo, self.enter_at_pauses = tty, echo, enter_at_pauses

    def isatty(self) -> bool:
        return self.tty

    def readline(self, *a):
        pause = self.enter_at_pauses if isinstance(self.enter_at_pauses, str) else "Press Enter"
        at_pause = self.enter_at_pauses and self.echo.getvalue().rsplit("\n", 1)[-1].startswith(pause)
        line = "\n" if at_pause else super().readline(*a)
        if self.echo is not None:
            self.echo.write(line)
        return line


def console(width: int = 120, height: int = 40) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=width, height=height, highlight=False, color_system=None), out


def with_event(**extra) -> dict:
    """A tiny scenario whose second turn brings an event with three answers (turn 1 never has one)."""
    return quiet(events=[{"id": "visit", "title": "A visitor", "text": "Someone drops by.", "when": "turn == 1",
                          "probability": 1, "once": True,
                          "choices": [{"id": "tea", "label": "Offer tea", "effects": {"morale": 1}},
                                      {"id": "show", "label": "Show them round", "effects": {"morale": 2}},
                                      {"id": "busy", "label": "Say you are busy", "effects": {"morale": -1}}]}],
                 **extra)


def game(session: Session, lines, width: int = 120, height: int = 40, tty: bool = True):
    con, out = console(width, height)
    return TerminalGame(session, console=con, stdin=Typed(lines, tty)), out


# --- messages use titles, never ids -----------------------------------------------------------------

def test_an_action_chosen_twice_is_named_by_its_title():
    g, out = game(Session(loaded(quiet(turns=3)), 1), ["1 1", "q"])
    g.run()
    text = out.getvalue()
    assert "'Cheer' is chosen twice" in text and "'cheer'" not in text


# --- events take numbers as well as letters ------------------------------------------------------------

def test_an_event_is_answered_by_its_number_as_in_the_window():
    s = Session(loaded(with_event(turns=3)), 1)
    g, out = game(s, ["1 2", "2", "1 2", "q"])
    g.run()
    assert s.log[1].choice == "show"
    assert "(a-c or 1-3)" in out.getvalue()


def test_an_answer_says_it_takes_effect_when_the_turn_ends():
    s = Session(loaded(with_event(turns=3)), 1, "guided")
    g, out = game(s, ["1 2", "b", "1 2", "q"])
    g.run()
    text = " ".join(out.getvalue().split())
    # the metrics do not move until the turn ends (a player read the unchanged budget as the answer lost: s7 p3, 14)
    assert ("Your answer: Show them round (Morale +2). It takes effect when this turn ends, with your actions: "
            "the metrics show it on the next turn.") in text, text
    assert s.log[1].choice == "show"


def test_the_help_says_events_take_numbers_too():
    g, out = game(Session(loaded(quiet(turns=3)), 1), ["?", "q"])
    g.run()
    assert "(a letter or its number)" in " ".join(out.getvalue().split())


def test_an_event_is_still_answered_by_its_letter():
    s = Session(loaded(with_event(turns=3)), 1)
    g, _ = game(s, ["1 2", "c", "1 2", "q"])
    g.run()
    assert s.log[1].choice == "busy"


def test_an_answer_out_of_range_is_explained_and_asked_again():
    s = Session(loaded(with_event(turns=3)), 1)
    g, out = game(s, ["1 2", "4", "0", "d", "a", "1 2", "q"])
    g.run()
    text = out.getvalue()
    assert text.count("Please type one letter from a to c, or a number from 1 to 3") == 3
    assert s.log[1].choice == "tea"


# --- one key per action: the window's (player s4 finding 10) -----------------------------------------

def table_rows(text: str) -> dict[str, str]:
    """The actions table's rows as printed: action title -> the key in front of it."""
    rows = {}
    for line in text.split("\n"):
        m = re.match(r"^\s*(\S+)\s+(\S.*?)\s{2,}([LMD]|leadership|management|development)\s", line)
        if m:
            rows.setdefault(m.group(2), m.group(1))
    return rows


def test_each_action_shows_and_takes_the_key_the_window_prints_on_its_card():
    """In a room where some play in the window and some in a terminal, "press X" and the terminal's row
    must name one action: the terminal lists the cards in the window's order under the window's keys
    (views.cards.CARD_KEYS), takes them in either case, and still takes the old row numbers."""
    from game.scenario.loader import load

    played = {}
    for typed in ("x v 1", "X V 1", "12 14 1"):  # the window's keys, in either case; the numbers of before
        s = Session(load("startup"), 488776, "standard")
        g, out = terminal_game(s, [typed, "q"], 80, 24)
        g.run()
        played[typed] = s.log[0].actions
    rows = table_rows(out.getvalue())
    # what the window showed the player (w73-startup-dash.png): X, C, Z; and 0 for the tenth card
    assert rows["Leadership course"] == "X" and rows["Management workshop"] == "C"
    assert rows["Tighten controls"] == "Z" and rows["Optimize processes"] == "0" and rows["Share the vision"] == "1"
    from game.autoplay import bot_decision
    from game.scenario.loader import load
    from game.views.cards import keyed_cards

    assert rows == {c.title: c.key for c in keyed_cards(s)}  # every row: the key its card face shows
    assert played["x v 1"] == played["X V 1"] == played["12 14 1"] == ("leadership_course", "find_mentor",
                                                                        "share_vision")


def test_the_windows_end_turn_key_ends_the_turn_in_the_terminal_too():
    """A fresh player typed E, the window's end-turn key, and was told "'E' is not an action key": a
    last 'e' on the line now ends the turn with the actions before it ('x 1 e'), or with none ('E')."""
    from game.scenario.loader import load

    for typed, expected in (("x 1 e", ("leadership_course", "share_vision")), ("E", ())):
        s = Session(load("startup"), 488776, "standard")
        g, out = terminal_game(s, [typed, "y", "q"], 80, 24)
        g.run()
        assert s.log and s.log[0].actions == expected, (typed, out.getvalue()[-800:])
        assert "is not an action key" not in out.getvalue()
    s = Session(load("startup"), 488776, "standard")
    g, out = terminal_game(s, ["e 1", "q"], 80, 24)  # only a last e is the end key: 'e' first is a typo
    g.run()
    assert "'e' is not an action key" in out.getvalue() and not s.log


def test_i_takes_a_key_and_a_wrong_key_says_which_keys_there_are():
    from game.scenario.loader import load

    g, out = game(Session(load("startup"), 1), ["i x", "i w", "w 1", "q"])
    g.run()
    text = " ".join(out.getvalue().split())
    assert "Leadership course (development, ×1.0 in this phase)" in text
    assert "Use 'i' with an action's key (1 to 9, 0, Z X C V B), e.g. i 3." in text
    assert "'w' is not an action key; use the keys in the table: 1 to 9, 0, Z X C V B" in text


def test_a_scenario_whose_file_mixes_the_kinds_is_listed_and_keyed_in_the_windows_card_order():
    """The window groups the cards by kind and counts its keys in that order; the terminal does the same,
    so key 1 is the leadership card here although the file lists the management one first."""
    data = quiet(turns=3)
    data["actions"] = list(reversed(data["actions"]))  # plan (management), then cheer (leadership)
    s = Session(loaded(data), 1)
    g, out = game(s, ["1", "y", "q"])
    g.run()
    rows = table_rows(out.getvalue())
    assert list(rows.items()) == [("Cheer", "1"), ("Plan", "2")]
    assert s.log[0].actions == ("cheer",)


def test_the_strength_line_points_to_the_panels_title_the_terminal_having_no_columns():
    from game.scenario.loader import load

    g, out = game(Session(load("startup"), 1), ["i z", "q"])
    g.run()
    text = " ".join(out.getvalue().split())
    assert "Tighten controls (management, ×0.6 in this phase)" in text
    assert "×0.6 for management in this phase (as in the title), times ×" in text and "its column" not in text


def test_standard_says_the_dots_are_sizes_not_gains_and_guided_shows_signs():
    """Player s4 finding 4: on Standard '•••' read as a big gain. The table's heading and a note before
    turn 1 (and the help) say it is a size either way; the direction stays hidden."""
    from game.scenario.loader import load
    from game.views import prompts

    seen = {}
    for difficulty in ("standard", "guided"):
        g, out = game(Session(load("startup"), 1, difficulty), ["?", "q"])
        g.run()
        seen[difficulty] = " ".join(out.getvalue().replace("│", " ").split())  # the help panel's borders aside
    note = " ".join(prompts.SIZE_NOT_DIRECTION.split())
    assert seen["standard"].count(note) == 2  # before turn 1, and in the help
    assert "Expected size (direction hidden)" in seen["standard"] and "Ownership ••" in seen["standard"]
    signed = re.compile(r"(Ownership|Morale|Trust|Efficiency|Budget|skill) [+-]\d")  # 'Morale +4'
    assert not signed.search(seen["standard"]) and signed.search(seen["guided"])  # the direction stays hidden
    assert note not in seen["guided"] and "Expected effect" in seen["guided"]


def test_piped_answers_are_shown_as_typed_never_read_as_markup():
    """Piped input is echoed after its prompt; '[/]' there raised rich's MarkupError (a traceback)."""
    g, out = game(Session(loaded(quiet(turns=3)), 1), ["[/]", "[bold]1", "q"], tty=False)
    g.run()
    text = out.getvalue()
    assert "[/]\n" in text and "[bold]1\n" in text  # echoed as typed
    assert "'[/]' is not an action" in text and "'[bold]1' is not an action" in text


def test_every_turn_says_in_words_where_the_hidden_drivers_the_goal_needs_stand():
    """Player s4 finding 3: on Standard startup's win needs process maturity 24, a driver the dashboard
    never showed. Every turn says where it stands (views.targets, which the window and the web draw
    too), in words only, at 80x24 above the prompt and on a tall screen under the metrics."""
    from game.scenario.loader import load
    from game.views.targets import hidden_goals

    fresh = Session(load("startup"), 488776, "standard")
    line = "Hidden drivers at stake: " + "  ·  ".join(g.text for g in hidden_goals(fresh))
    assert line == "Hidden drivers at stake: Process maturity: at risk  ·  Ownership: safe"
    for width, height in ((80, 24), (120, 40)):
        g, out = terminal_game(Session(load("startup"), 488776, "standard"), ["?", "q"], width, height)
        g.run()
        text = out.getvalue().replace("\u00a0", " ")
        first = screens_at(PROMPT, text, height)[0]
        assert line in first and not re.search(r"Process maturity:? \d", text)  # never its number
        assert "Process maturity: To win ('A thriving company'): at least 24 at the end of the last turn: " \
               "at risk." in " ".join(text.replace("│", " ").split())  # the help says it in full


# --- ending a turn with action points left asks once per turn ---------------------------------------

def three_turns() -> Session:
    return Session(loaded(quiet(turns=3)), 1)


def test_an_empty_line_with_points_left_asks_first_and_enter_keeps_choosing():
    s = three_turns()
    g, out = game(s, ["", "", "1 2", "q"])
    g.run()
    text = out.getvalue()
    assert text.count("You have not picked any actions yet. Points you do not spend this turn are lost.") == 1
    assert "Keep choosing" in text
    assert s.log[0].actions == ("cheer", "plan")  # the second Enter went back to choosing, then 1 2 ended it


def test_the_question_comes_once_per_turn_with_something_chosen_and_every_time_with_nothing():
    s = three_turns()
    # turn 1: "1" is asked about, Enter keeps choosing, and "1" again then ends the turn unasked;
    # turn 2: an empty line is asked about, Enter keeps choosing, an empty line is asked about again
    # (an Enter after 'keep choosing' ended a turn with no action, unasked: s7 player 3, finding 1), y ends it
    g, out = game(s, ["1", "", "1", "", "", "", "y", "q"])
    g.run()
    text = out.getvalue()
    assert s.log[0].actions == ("cheer",) and s.log[1].actions == ()
    assert text.count("End the turn anyway?") == 3
    assert text.count("You still have 2 of 3 action points to spend.") == 1
    assert text.count("You have not picked any actions yet.") == 2


def test_keys_typed_at_the_end_turn_question_are_taken_as_this_turns_actions():
    s = three_turns()
    g, out = game(s, ["", "1 2", "q"])
    g.run()
    text = out.getvalue()
    assert s.log[0].actions == ("cheer", "plan"), text  # were dropped with 'Keep choosing'
    assert "Keep choosing" not in text


def test_a_wrong_key_typed_at_the_question_is_said_and_the_turn_is_asked_again():
    s = three_turns()
    g, out = game(s, ["", "7", "", "y", "q"])
    g.run()
    text = out.getvalue()
    assert "'7' is not an action key" in text
    assert text.count("End the turn anyway?") == 2 and s.log[0].actions == ()


def test_keys_typed_at_the_pause_before_a_turn_are_that_turns_actions_at_every_size():
    for width, height in ((80, 24), (120, 40)):
        s = three_turns()
        g, out = terminal_game(s, ["1 2", "2 1", "q"], width, height, enter_at_pauses="Press Enter to go on")
        g.run()
        text = " ".join(out.getvalue().split())
        # the report pauses before the next turn at 120x40 too (s7 player 3, finding 6) ...
        assert "Press Enter for turn 2 (q saves and leaves): 2 1" in text, text
        # ... and what was typed there is taken as turn 2's actions, shown after its prompt (was read as Enter)
        assert s.log[1].actions == ("plan", "cheer"), text
        assert "(typed at the pause before this turn)" in text
        assert "Press Enter for turn 3" in text.split("(typed at the pause before this turn)")[-1]


def test_a_line_carried_from_a_pause_is_said_there_and_the_pagers_a_is_never_carried():
    """s7 player 4, finding 9: an 'a' meant for the pager became turn 1's actions with no word at the
    pause. A carried line is said where it was typed; 'a' at a pause goes on as Enter and is not carried."""
    s = three_turns()
    g, out = terminal_game(s, ["1 2", "2 1", "a", "1 2", "q"], 120, 40, enter_at_pauses="Press Enter to go on")
    g.run()
    text = " ".join(out.getvalue().split())
    assert "Press Enter for turn 2 (q saves and leaves): 2 1 '2 1' is kept: the next turn takes it as its actions." \
        in text, text
    assert s.log[1].actions == ("plan", "cheer"), text
    # the 'a' at turn 3's pause is no action: it goes on, and turn 3 asks for its actions afresh
    assert "'a' is not an action key" not in text and "'a' is kept" not in text, text
    assert "(typed at the pause" not in text.split("Press Enter for turn 3 (q saves and leaves): a ")[1], text
    assert s.log[2].actions == ("cheer", "plan"), text


def test_a_line_typed_at_the_pagers_more_prompt_is_the_pagers_never_a_turns():
    from game.terminal.pane import Pane

    out = io.StringIO()
    con = Console(file=out, width=80, height=10, force_terminal=True, color_system=None, highlight=False)
    pane = Pane(con, Typed(["1 2", "a"], echo=out))
    pane.page([f"line {n}" for n in range(30)])
    text = " ".join(out.getvalue().split())
    assert pane.ahead is None, text
    assert "'1 2' is not taken here: Enter shows more, a shows all the rest at once, q leaves." in text, text
    assert "line 29" in text and text.count("Press Enter for more") == 2, text


def test_before_the_first_turn_no_prompt_promises_a_save_and_q_says_nothing_was_saved():
    """s7 player 4, finding 10: 'q saves and leaves' at the start's pause left the game with nothing saved.
    Before a turn is played the pause says q saves nothing; after one it promises the save again."""
    from game.scenario.loader import load

    s = Session(load("tutorial"), 5, "guided")
    g, out = terminal_game(s, ["q"], 80, 24, enter_at_pauses=False)
    g.run()
    text = " ".join(out.getvalue().split())
    assert "Press Enter to go on (q leaves; no turn played, nothing to save): q" in text, text
    assert "q saves and leaves" not in text and "No turn was played, so nothing was saved." in text, text
    s = three_turns()
    g, out = terminal_game(s, ["1 2", "q"], 80, 24, enter_at_pauses="Press Enter to go on")
    g.run()
    assert "Press Enter for turn 2 (q saves and leaves): q" in " ".join(out.getvalue().split())


def test_a_terminal_widened_at_the_pause_before_a_turn_gets_that_turn_at_its_new_width():
    """s7 player 4, finding 7: widened from 80 to 120 columns at 'Press Enter for turn N', the turn's table
    was laid out before the pause and cut effects with '…' beside 40 empty columns."""
    from game.scenario.loader import load

    class Resizing(Typed):
        def readline(self, *a):
            if self.echo.getvalue().rsplit("\n", 1)[-1].startswith("Press Enter for turn 2"):
                con.size = (120, 30)  # the player widens the terminal, then presses Enter
            return super().readline(*a)

    s = Session(load("scaleup"), 298963, "standard")
    out = io.StringIO()
    con = Console(file=out, width=80, height=24, force_terminal=True, color_system=None, highlight=False)
    g = TerminalGame(s, console=con, stdin=Resizing(["1 2 3", "q"], echo=out, enter_at_pauses=True))
    g.run()
    turn2 = out.getvalue().split("Turn 2 of 30")[1]
    row = next(line for line in turn2.split("\n") if "Empower and delegate" in line)
    assert "…" not in row and "Trust •, Process maturity •" in row, turn2  # was "Trust •, …" at 80 columns


def test_the_turns_metrics_show_the_win_lines_the_windows_gauges_mark_and_fit_80x24():
    """s7 player 4, finding 6: the terminal's metrics never showed 'win ≥ 65', so the player had to keep
    the briefing's targets in mind. Each visible metric with a win line carries its gauge's label."""
    from game.scenario.loader import load
    from game.views.targets import gauge_targets

    for width, height in ((80, 24), (120, 40)):
        s = Session(load("scaleup"), 298963, "standard")
        g, out = terminal_game(s, ["q"], width, height)
        g.run()
        text = out.getvalue()
        turn = text[text.rindex("Turn 1 of 30"):text.index("Actions for this turn")]
        for metric, label in (("Morale", "win ≥ 65"), ("Budget", "win ≥ 40k")):
            mid = next(m for m, spec in s.scenario.metrics.items() if spec.title == metric)
            marks = [t for t in gauge_targets(s.scenario, mid) if t.kind == "win"]
            assert [t.label for t in marks] == [label]  # the gauge's label; the strip's is it without spaces
            assert (label if width == 120 else label.replace(" ", "")) in turn, turn
        assert "Your leadership skill 30.0 (" not in " ".join(turn.split())  # no win line: none said
        assert len(turn.rstrip("\n").split("\n")) + 1 <= height, turn  # the prompt too


def test_every_report_waits_for_enter_before_the_next_screen_at_every_size():
    for width, height in ((80, 24), (120, 40), (160, 60)):
        s = three_turns()
        g, out = terminal_game(s, ["1 2", "1 2", "1 2", "q"], width, height)
        g.run()
        text = out.getvalue()
        for turn in (1, 2):
            report = text.index(f"Turn {turn} report")
            assert text.index(f"Press Enter for turn {turn + 1}", report) < text.index(f"Turn {turn + 1} of 3", report)
        # the last report too waits before the game-over screen
        last = text.index("Turn 3 report")
        assert text.index("Press Enter", last) < text.index("Game over", last)


def test_keys_typed_at_a_pause_after_the_last_turn_are_said_not_taken():
    s = three_turns()
    g, out = terminal_game(s, ["1 2", "1 2", "1 2", "2 1"], 120, 40, enter_at_pauses="Press Enter for turn")
    g.run()
    text = " ".join(out.getvalue().split())
    assert s.done and "'2 1' was not taken: the game is over." in text, text


def test_keys_typed_ahead_wait_for_the_actions_when_an_event_comes_first():
    s = Session(loaded(with_event(turns=3)), 1)
    g, out = terminal_game(s, ["1", "y", "1", "b", "y", "q"], 120, 40, enter_at_pauses="Press Enter to go on")
    g.run()
    text = " ".join(out.getvalue().split())
    assert "You typed '1' before this turn: it is taken as this turn's actions once you answer." in text, text
    assert s.log[1].actions == ("cheer",) and s.log[1].choice == "show"


def test_some_points_left_are_counted_and_y_ends_the_turn():
    s = Session(loaded(quiet(turns=3, action_points=3)), 1)
    g, out = game(s, ["1", "y", "q"])
    g.run()
    assert "You still have 2 of 3 action points to spend." in out.getvalue()
    assert s.log[0].actions == ("cheer",)


def test_no_question_when_nothing_more_fits():
    s = Session(loaded(quiet(turns=3, action_points=3)), 1)
    g, out = game(s, ["1 2", "q"])  # only two actions exist: a point is left, but nothing to spend it on
    g.run()
    assert "End the turn anyway?" not in out.getvalue() and s.log[0].actions == ("cheer", "plan")


def test_piped_input_is_never_asked():
    s = three_turns()
    g, out = game(s, ["", "", "q"], tty=False)
    g.run()
    assert "End the turn anyway?" not in out.getvalue() and len(s.log) == 2


def test_never_switches_the_question_off_for_the_window_too():
    from game.ui import settings as window_settings

    s = three_turns()
    g, out = game(s, ["", "never", "", "q"])
    g.run()
    assert out.getvalue().count("End the turn anyway?") == 1 and len(s.log) == 2
    assert window_settings.load().confirm_end_turn is False
    # and "ask on" brings it back, for both
    g, out = game(three_turns(), ["ask on", "", "y", "q"])
    g.run()
    assert out.getvalue().count("End the turn anyway?") == 1
    assert window_settings.load().confirm_end_turn is True


def test_dont_ask_again_in_the_window_is_honoured_by_the_terminal():
    from game.ui import settings as window_settings

    st = window_settings.load()
    st.confirm_end_turn = False
    window_settings.save(st)
    g, out = game(three_turns(), ["", "", "q"])
    g.run()
    assert "End the turn anyway?" not in out.getvalue()


# --- on an 80x24 terminal the metrics stay visible above the prompt ----------------------------------

PROMPT = "Actions for this turn"
EVENT_PROMPT = "How do you answer?"
TURNS_TO_THE_EVENT = ["1 6 12", "2 7 13", "3 8 14"]  # scaleup, seed 0: an event comes at turn 4


def screens_at(prompt: str, text: str, height: int) -> list[list[str]]:
    """What the terminal shows each time `prompt` waits for an answer: the `height` lines ending with it."""
    lines = text.split("\n")
    return [lines[max(0, n - height + 1): n + 1] for n, line in enumerate(lines) if line.startswith(prompt)]


def terminal_game(session: Session, lines, width: int, height: int, enter_at_pauses: bool | str = True):
    """A game at a terminal of this size; `enter_at_pauses`: the player presses Enter at every pause
    that keeps a report on screen (the other typed lines answer the other prompts)."""
    out = io.StringIO()
    con = Console(file=out, width=width, height=height, force_terminal=True, color_system=None, highlight=False)
    return TerminalGame(session, console=con, stdin=Typed(lines, echo=out, enter_at_pauses=enter_at_pauses)), out


def metric_titles(session: Session) -> list[str]:
    from game.views import words

    shown = session.visible_metrics() + [m for m in words.SKILLS if m in session.rules.index]
    return [session.scenario.metrics[m].title for m in shown]


def test_at_80x24_the_metrics_are_on_screen_at_every_prompt_of_scaleup():
    from game.scenario.loader import load

    s = Session(load("scaleup"), 0)
    titles = metric_titles(s)
    g, out = terminal_game(s, TURNS_TO_THE_EVENT + ["b", "w", "1 1", "1 6 9", "q"], 80, 24)
    g.run()
    text = out.getvalue().replace("\u00a0", " ")
    screens = screens_at(PROMPT, text, 24) + screens_at(EVENT_PROMPT, text, 24)
    assert len(screens) == 8  # 4 turns' actions, 2 after mistakes, 1 last turn, the event
    for screen in screens:
        shown = "\n".join(screen)
        assert all(t in shown for t in titles), shown
        assert all(len(line) <= 80 for line in screen)
    # the actions are all on screen at the actions prompt too, one line each
    for screen in screens_at(PROMPT, text, 24)[:3]:
        shown = "\n".join(screen)
        assert all(a.title in shown for a in s.scenario.actions), shown


def test_a_tall_terminal_and_a_pipe_keep_the_full_table():
    from game.scenario.loader import load

    g, out = terminal_game(Session(load("scaleup"), 0), ["q"], 120, 50)
    g.run()
    assert "Metric" in out.getvalue() and "Change" in out.getvalue() and "(i KEY: more)" not in out.getvalue()
    g, out = game(Session(load("scaleup"), 0), ["q"], width=80, height=24, tty=False)  # not a terminal
    g.run()
    assert "Metric" in out.getvalue() and "(i KEY: more)" not in out.getvalue()


# --- play SCENARIO --text offers to continue an unfinished game of it -----------------------------------

def leadsim(argv, lines, home, tty: bool):
    """`leadsim ARGV` in-process with typed lines on stdin (a terminal or a pipe); (code, stdout, stderr)."""
    import contextlib
    import sys

    from game.cli import main

    out, err = io.StringIO(), io.StringIO()
    stdin = Typed(lines, tty=tty)
    old = sys.stdin
    sys.stdin = stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = old
    flat = lambda text: " ".join(text.split())  # noqa: E731 - rich wraps at the console's width
    return code, flat(out.getvalue()), flat(err.getvalue())


def unfinished_tutorial(leadsim_home, seed: int = 7, turns: int = 2):
    from game import saves
    from game.scenario.loader import load

    s = Session(load("tutorial"), seed, "guided")
    for _ in range(turns):
        s.decide(s.default_decision())
    saves.save(s, leadsim_home / "autosave.json")
    return s


def test_play_scenario_text_offers_the_unfinished_game_and_enter_continues_it(leadsim_home):
    before = unfinished_tutorial(leadsim_home)
    code, out, err = leadsim(["play", "tutorial", "--text"], ["", "q"], leadsim_home, tty=True)
    assert code == 0, err
    assert "You have an unfinished game of" in out and "turn 3 of" in out and "guided, seed 7" in out
    assert "Continuing at turn 3" in out
    from game import saves

    again = saves.load(leadsim_home / "autosave.json")
    assert again.seed == 7 and again.turn == before.turn and again.difficulty == "guided"


def test_n_starts_a_new_game_and_keeps_the_unfinished_one(leadsim_home):
    unfinished_tutorial(leadsim_home)
    code, out, err = leadsim(["play", "tutorial", "--text", "--seed", "7"], ["n", "1", "y", "q"], leadsim_home,
                             tty=True)
    assert code == 0, err
    assert "A new game. Your unfinished one is kept" in out
    assert "Your unfinished game was kept" in err  # moved aside before the new game starts
    from game import saves

    kept = [i for i in saves.list_saves() if not i.autosave]
    assert len(kept) == 1 and kept[0].turn == 2 and not kept[0].finished


def test_another_scenario_a_finished_game_or_another_seed_is_not_offered(leadsim_home):
    unfinished_tutorial(leadsim_home)
    for argv in (["play", "startup", "--text"], ["play", "tutorial", "--text", "--seed", "8"]):
        code, out, err = leadsim(argv, ["q"], leadsim_home, tty=True)
        assert "unfinished game" not in out, argv
        unfinished_tutorial(leadsim_home)  # the first run moved it aside; put one back
    finished = unfinished_tutorial(leadsim_home, turns=0)
    from game import saves

    while not finished.done:
        finished.decide(finished.default_decision())
    for p in leadsim_home.rglob("*.json"):
        p.unlink()
    saves.save(finished, leadsim_home / "autosave.json")
    code, out, err = leadsim(["play", "tutorial", "--text"], ["q"], leadsim_home, tty=True)
    assert "unfinished game" not in out


def test_a_finished_game_in_the_slot_is_said_to_be_kept_before_the_new_game_not_in_its_first_turn(leadsim_home):
    """Player s4 finding 13: 'Your finished game was kept as ...' came after the new game's first
    actions, as if it were about that game. It is said before the new game's briefing now."""
    import contextlib
    import sys

    from game import saves
    from game.cli import main

    finished = unfinished_tutorial(leadsim_home, turns=0)
    while not finished.done:
        finished.decide(finished.default_decision())
    saves.save(finished, leadsim_home / "autosave.json")
    both = io.StringIO()  # stdout and stderr in the order they were written, as a terminal shows them
    old, sys.stdin = sys.stdin, Typed(["", "", "12 14 1", "", "q"])
    try:
        with contextlib.redirect_stdout(both), contextlib.redirect_stderr(both):
            assert main(["play", "startup", "--seed", "3", "--text"]) == 0
    finally:
        sys.stdin = old
    text = " ".join(both.getvalue().split())
    kept = [i for i in saves.list_saves() if i.finished]
    assert len(kept) == 1 and kept[0].path.parent.name == "saves"  # kept, in the saves folder
    note = f"Your finished game was kept (leadsim review FILE shows its review again), in the file: {kept[0].path}"
    assert text.count(note) == 1 and f"\n{kept[0].path}\n" in both.getvalue()  # the path on a line of its own
    assert text.index(note) < text.index("Startup: The First Product") < text.index("Turn 1 report")


def test_piped_input_is_not_asked_but_told_how_to_continue(leadsim_home):
    unfinished_tutorial(leadsim_home)
    code, out, err = leadsim(["play", "tutorial", "--text"], [], leadsim_home, tty=False)  # < /dev/null
    assert "Continuing at" not in out
    # said: a new game starts, and the unfinished game's file named is one that exists afterwards (the note
    # named the autosave, which the new game had just moved into the saves folder: s7 player 3, finding 13)
    assert "Input is not a terminal, so nothing is asked: a new game starts" in err, err
    assert "Input ended. No turn was played, so nothing was saved." in out, out
    assert "autosave.json" not in err
    kept = re.search(r"in the file: (\S+\.json)", err)
    assert kept and Path(kept.group(1)).is_file(), err
    from game import saves

    again = saves.load(Path(kept.group(1)))
    assert again.seed == 7 and again.turn == 2  # and `leadsim play --text` offers it next time
    code, out, err = leadsim(["play", "tutorial", "--text"], [""], leadsim_home, tty=True)
    assert "Continuing at turn 3" in out
    code, out, err = leadsim(["play", "tutorial", "--text", "--seed", "3"], ["q"], leadsim_home, tty=False)
    assert "unfinished game" not in out  # another seed's game is not offered


def test_a_game_saved_with_save_file_is_sent_to_load_not_to_play_text(leadsim_home, tmp_path):
    target = tmp_path / "mine.json"
    code, out, err = leadsim(["play", "tutorial", "--text", "--save", str(target)], ["1", "y", "q"], leadsim_home,
                             tty=True)
    assert code == 0 and target.is_file(), err
    assert "leadsim play --load FILE --text continues it" in out and "play --text offers" not in out, out
    assert str(target) in out
    # the autosave's game is still sent to play --text
    code, out, err = leadsim(["play", "tutorial", "--text"], ["n", "1", "y", "q"], leadsim_home, tty=True)
    assert "leadsim play --text offers to continue it" in out, out


def test_a_short_screen_wraps_an_effect_list_between_effects_never_inside_one():
    """At 80 columns the actions may take a second line (when all still fit): each effect stays whole on
    one line, so 'Your management skill ••' never reads as 'Your' and 'management skill ••'."""
    from game.scenario.loader import load
    from game.terminal import screens
    from game.views.cards import cards

    s = Session(load("startup"), 11)
    con, out = console(80, 24)
    con.print(screens.actions_table(s, 80, compact=True, wrap=True))
    text = out.getvalue()
    for c in cards(s, top=3):
        for e in c.effects:
            assert any(e.words in line for line in text.split("\n")), (e.words, text)


def test_a_wrapped_action_row_lists_every_effect_i_key_lists_or_ends_with_an_ellipsis():
    """s5 finding 4: a row that wrapped showed 'Ownership •••, Morale •, Trust •' where `i 4` listed
    Process maturity too, with no '…': the table said the card leaves the at-risk driver alone."""
    from game.terminal import screens
    from game.autoplay import bot_decision
    from game.scenario.loader import load
    from game.views.cards import keyed_cards

    s = Session(load("startup"), 11)
    for turn in range(3):
        con, out = console(80, 24)
        con.print(screens.actions_table(s, 80, compact=True, wrap=True))
        rows = out.getvalue().split("\n")[1:]
        for c in keyed_cards(s):
            if c.reason or not c.effects:
                continue
            at = next(n for n, r in enumerate(rows) if c.title[:20] in r)
            row = rows[at] + ("\n" + rows[at + 1] if at + 1 < len(rows) and not rows[at + 1][:3].strip() else "")
            assert "…" in row or all(e.words in row for e in c.effects), (turn, c.title, row)
        s.decide(bot_decision(s, "adaptive"))
    assert screens.packed(["Aaaa •••", "Bbbb •", "Cccc •", "Dddd •"], 16) == "Aaaa •••,\nBbbb •, …"


def test_ctrl_c_in_the_terminal_says_the_game_is_saved_and_how_to_continue(leadsim_home):
    """Player s6 finding 13: Ctrl+C printed only 'leadsim: interrupted', though the game was saved."""
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]), LEADSIM_HOME=str(leadsim_home),
               COLUMNS="80", NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "game", "play", "tutorial", "--seed", "3", "--text"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    proc.stdin.write("1 2\n")  # turn 1; then the game waits for turn 2's decision
    proc.stdin.flush()
    saved = leadsim_home / "autosave.json"
    deadline = time.monotonic() + 120
    while not (saved.exists() and '"turn": 1' in saved.read_text()) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err[-500:]
    assert "Interrupted (Ctrl+C). Your game is saved" in " ".join(out.split()) and "leadsim play --text" in out
    assert f"\n{saved}\n" in out  # the path on a line of its own, whole
    assert "leadsim: interrupted" not in err
