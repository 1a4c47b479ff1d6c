"""The terminal game's loop: show each screen the turn flow owes (`game.flow`), decide a turn when the
dashboard is owed, save after it, and leave cleanly (saved) when the player quits or input ends.

It decides what is shown when; `screens` and `end` decide how it looks, `prompts` reads the decision,
`pane` prints and counts the lines on screen.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, TextIO

from rich.console import Console
from rich.rule import Rule

from .. import saves
from ..flow import Progress, Screen, next_screen
from ..session import DecisionError, Session
from ..views.briefing import briefing
from ..views.dashboard import drivers
from ..views.debrief import debrief
from ..views.event import event as event_view
from ..views.help import help_view
from ..views.phase import PhaseChange, phase_change
from ..views import practice as practice_words
from ..views import prompts as say
from ..views.report import Report, turn_report
from ..views.targets import hidden_goals
from . import end, screens
from .keyboard import TAKE_BACK, TAKE_BACK_WORDS, EndOfInput, Leave, TimedLines
from .pane import Pane
from .prompts import TurnPrompts
from .text import Plain


class TerminalGame:
    def __init__(self, session: Session, console: Console | None = None, stdin: TextIO | None = None,
                 save_path: Path | None = None, autosave: Callable[[Session], Path | None] | None = None,
                 turn_seconds: int | None = None):
        self.s = session
        self.turn_seconds = turn_seconds
        stdin = stdin or sys.stdin
        timed = None
        if turn_seconds:
            try:
                timed = TimedLines(stdin.fileno())
            except (AttributeError, OSError, ValueError):
                timed = None  # no file descriptor (e.g. a test's StringIO): play without a clock
        self.console = console or Console(highlight=False)
        self.stdin = stdin
        self.pane = Pane(self.console, stdin, timed)
        self.prompts = TurnPrompts(self)
        self.save_path = save_path
        self.autosave = autosave
        self.watch: Callable[["TerminalGame"], None] | None = None  # hot reload before each turn (--watch)
        self.phase_on_screen = False  # a phase panel was just shown (the next turn keeps it in view if it can)
        self.report_on_screen = False  # a turn report was just shown: the next screen waits for Enter first
        # where a practice copy is saved and the game's saving moves to (run_text's slot); None: a file of its own
        self.practise: Callable[[Session], Path] | None = None
        self.review_of = None  # the last review (analysis.review.Review): its better decisions seed a practice
        self.saved_at: Path | None = None  # the finished game's own file, as the review named it

    def out(self, *objects, **kw) -> None:
        self.pane.out(*objects, **kw)

    def notice(self, text: str) -> None:
        """A note about saving (where another game was kept, a save that failed): on stderr, apart from
        the game's screens, and counted as lines on screen."""
        self.pane.note(text)

    # --- the game loop -------------------------------------------------------
    def run(self) -> int:
        """Show each screen the turn flow owes, in its order; decide a turn when the dashboard is owed.
        Ctrl+C saves and says so, and how to continue (only "leadsim: interrupted" was said, though the
        game was saved: a new player's s6 finding 13)."""
        try:
            return self._run()
        except KeyboardInterrupt:
            self.out()
            self.quit(say.INTERRUPTED)
            return 130

    def _run(self) -> int:
        self.briefing()
        self.progress = Progress.new(self.s)
        while True:
            code = self.play_to_end()
            if code is not None:
                return code
            try:
                self.show_end()
            except (Leave, EndOfInput):  # q at a pause of the debrief: the finished game is saved already
                self.drop_typed_ahead()
                return 0
            self.drop_typed_ahead()  # typed at the end's pauses: no turn takes it, nor a practice's first
            if not self.offer_take_back():
                return 0

    def play_to_end(self) -> int | None:
        """The screens the turn flow owes until the game ends (None), or the exit code when the player
        leaves or input ends."""
        try:
            while True:
                screen = next_screen(self.s, self.progress)
                if screen is Screen.REPORT:
                    self.show_report(turn_report(self.s, self.s.reports[-1]))
                elif screen is Screen.PHASE:
                    self.show_phase(phase_change(self.s, first=self.progress.phase_turn < 0))
                elif screen is Screen.DEBRIEF:
                    break
                else:  # a new turn: its event (if any) and the decision
                    if self.watch is not None:
                        before = self.s
                        self.watch(self)  # may replace self.s with the game replayed on a new scenario version
                        if self.s is not before:
                            self.progress = Progress.new(self.s, intro=False)
                            continue
                    self.show_turn()
                    decision = self.prompts.read_decision()
                    if decision is None:
                        return self.quit(say.YOU_LEFT)
                    if decision is TAKE_BACK:
                        self.take_back()
                        continue
                    self.s.decide(decision)
                    self.progress.decided()
                    if self.autosave:
                        self.autosave(self.s)
                    continue
                self.progress.saw(screen, self.s)
        except Leave:
            return self.quit(say.YOU_LEFT)
        except EndOfInput:
            return self.quit(say.INPUT_ENDED)
        return None

    # --- taking back, leaving, saving --------------------------------------------------------------
    def offer_take_back(self) -> bool:
        """At the end of an interactive game outside workshops: a turn number tries that turn again in a
        practice copy (the costliest named), u takes back the last turn; True when play goes on."""
        if not self.stdin.isatty() or self.s.can_take_back():
            return False
        costly = sorted(m.key.turn for m in self.review_of.costliest(3)) if self.review_of is not None else []
        self.out(Plain(practice_words.PICK_EXPLAINED))
        while True:
            try:
                answer = self.pane.ask(practice_words.pick_prompt(costly, self.s.turn)).strip().lower()
            except EndOfInput:
                return False
            if answer in TAKE_BACK_WORDS:
                return self.take_back()
            if not answer:
                return False
            if answer.isdigit() and self.start_practice(int(answer)):
                return True
            if not answer.isdigit():
                self.out(Plain(practice_words.not_a_turn(answer), style="red"))

    def start_practice(self, turn: int) -> bool:
        """A practice copy of this game from the start of `turn`, saved in a file of its own, played on
        here; the finished game stays as it is in its file (game.practice)."""
        from .. import practice
        from ..views.review.costly import turn_promise

        review = self.review_of
        better = review.turns[turn - 1].best if review is not None and 1 <= turn <= len(review.turns) else None
        try:
            copy = practice.practice_copy(self.s, turn, better, source=self.saved_at)
        except DecisionError as exc:
            self.out(Plain(str(exc), style="red"))
            return False
        try:
            if self.practise is not None:
                path = self.practise(copy)
            else:
                path = practice.save_practice(copy, saves.save_folder())
                self.save_path = path  # the game reviewed keeps its own file
                self.autosave = lambda s, p=path: (saves.save(s, p), p)[1]
        except OSError as exc:
            self.out(Plain(practice_words.not_saved(exc), style="red"))
            return False
        promise = turn_promise(self.s, review, turn) if review is not None and better is not None else ""
        self.s, self.review_of = copy, None
        self.progress = Progress.new(self.s, intro=False)
        self.prompts.asked_turn = None
        self.out(Plain(practice_words.started(copy, path), style="yellow"))
        if promise:  # what repeating your later decisions gets, for any turn typed (s7 player 4, finding 1)
            self.out(Plain(promise))
        self.path_line(path)
        return True

    def take_back(self) -> bool:
        """Practice mode: undo the last turn (the session refuses in workshops and says why)."""
        try:
            last = self.s.take_back()
        except DecisionError as exc:
            self.out(Plain(str(exc), style="red"))
            return False
        self.progress = Progress.new(self.s, intro=False)  # the turn's report is owed again once it is replayed
        self.prompts.asked_turn = None  # the replayed turn may ask again
        if self.autosave:
            self.autosave(self.s)
        titles = {a.id: a.title for a in self.s.scenario.actions}
        what = ", ".join(titles.get(a, a) for a in last.actions)
        self.out(Plain(say.taken_back(self.s.turn + 1, what), style="yellow"))
        return True

    def quit(self, why: str) -> int:
        where = self.save_now()
        self.out(Plain(say.left_game(why, where, self.s.turn, self.s.done, offered=bool(where) and saves.offered(where))))
        if where:
            self.path_line(where)
        return 0

    def path_line(self, path) -> None:
        """A file's path on a line of its own, never wrapped by the game (the terminal may fold it, but
        a copy of it is whole)."""
        self.out(Plain(str(path)), soft_wrap=True)

    def save_now(self) -> Path | None:
        if self.s.turn == 0 and self.save_path is None:
            return None
        target = self.save_path or (self.autosave(self.s) if self.autosave else None)
        if target is not None and self.save_path is not None:
            saves.save(self.s, target)
        return target

    # --- screens ---------------------------------------------------------------
    def saves_on_leaving(self) -> bool:
        """Whether q would save anything (save_now): not before the first turn of a game without --save."""
        return not (self.s.turn == 0 and self.save_path is None)

    def show(self, renderables: list, prompt: str | None = None) -> None:
        """Print a screen; on a short terminal first wait for Enter if it would push unread lines off
        the top (after a turn report, at every size), and page it if it is longer than the screen. q at
        that pause leaves the game (the default prompt promises a save only where q makes one)."""
        if prompt is None:
            prompt = say.PAUSE if self.saves_on_leaving() else say.PAUSE_UNSAVED
        after_report, self.report_on_screen = self.report_on_screen, False
        if self.pane.page(renderables, prompt, always=after_report) in ("q", "quit"):
            raise Leave

    def drop_typed_ahead(self) -> None:
        """The game is over: a line typed ahead at a pause has no turn left to be taken in, and is said
        to be dropped, not lost without a word."""
        line = self.pane.take_ahead()
        if line:
            self.out(Plain(say.not_taken(line), style="yellow"))

    def briefing(self) -> None:
        """The scenario's story and, for a new game, what wins and loses: one screen to read; the first
        phase then sits above turn 1, so on a short terminal the start pauses once, after this."""
        b = briefing(self.s)
        self.show([screens.briefing_panel(b), *([] if b.continuing else [Plain(b.score)])])

    def show_phase(self, pc: PhaseChange) -> None:
        shown = [screens.phase_panel(pc)]
        if pc.first:  # the end of the briefing
            shown.append(Plain(say.HELP_HINT))
            if self.s.difficulty == "standard":  # what the dots of the first turn's table mean
                shown.append(Plain(say.SIZE_NOT_DIRECTION, style="dim"))
        self.show(shown)
        self.phase_on_screen = True

    def show_turn(self) -> None:
        """The turn's head, metrics (on Guided the drivers underneath; on every difficulty where the
        hidden drivers the goal or a loss needs stand), crises and actions. On a
        screen too short for all of it (80x24, scaleup's 15 actions) the actions go one line each and
        the metrics in a strip just above the prompt. Before it, on a short screen, the game waits
        for Enter if the turn would push the last report off the top; a terminal resized at that pause
        gets the turn laid out for its new size (s7 player 4, finding 7: widened to 120 columns at the
        pause, the table kept 80 columns' cuts beside 40 empty ones)."""
        s, pane = self.s, self.pane
        # a practice: what was chosen here in the original game (views.practice), under the turn's rule
        noted = [Plain(line, style="yellow") for line in practice_words.turn_lines(s)]
        size = self.console.size
        first, metrics, rest, lines = self.turn_layout(noted)
        phase_on_screen, self.phase_on_screen = self.phase_on_screen, False
        if pane.screen_height() is not None:
            after_report, self.report_on_screen = self.report_on_screen, False
            if pane.make_room(lines, say.pause_before_turn(s.turn + 1, self.saves_on_leaving()),
                              always=after_report) in ("q", "quit"):
                raise Leave
            if self.console.size != size:  # resized while the game waited
                self.phase_on_screen = phase_on_screen and not pane.unread
                first, metrics, rest, lines = self.turn_layout(noted)
                self.phase_on_screen = False
        pane.new_screen()
        self.out(Rule(screens.turn_head(s)))
        for line in noted:
            self.out(line)
        if first:
            self.out(metrics, metrics=True)
            for r in rest:
                self.out(r)
        else:
            for r in rest:
                self.out(r)
            self.out(metrics, metrics=True)

    def turn_layout(self, noted: list) -> tuple:
        """The turn's metrics, what goes with them, and the lines all of it takes (with the prompt), laid
        out for the console's size now, after whether the metrics go first (as a table: all of it fits) or
        last (a strip above the prompt)."""
        s, pane, width = self.s, self.pane, self.console.width
        crisis_lines = screens.crisis_lines(s)
        under = screens.hidden_strip(s, width)
        ev = event_view(s)
        whole = [screens.metrics_table(s), *([under] if under else []), *crisis_lines, screens.actions_table(s, width)]
        screen = pane.screen_height()  # None: a pipe or a file, where nothing is measured (nothing scrolls away)
        event_lines = sum(map(pane.lines, screens.event_block(ev))) + 1 if ev and screen is not None else 0
        clock = 1 if pane.timed is not None else 0  # a timed turn's clock has its own line above the prompt
        self.prompts.actions_owed = False
        head = 1 + sum(map(pane.lines, noted)) if screen is not None else 1
        first = screen is None or head + sum(map(pane.lines, whole)) + event_lines + 2 + clock <= screen
        if first:
            metrics, rest = whole[0], whole[1:]
        else:
            strip = screens.metrics_strip(s, width)
            rest = list(crisis_lines)
            if ev is None:
                rest.append(self.compact_actions(head + sum(map(pane.lines, crisis_lines)) + pane.lines(strip) + 1 + clock,
                                                 keep=pane.unread if self.phase_on_screen and pane.pages else 0))
            else:  # the event first, with the metrics; its actions once it is answered
                self.prompts.actions_owed = True
            metrics = strip
        lines = head + sum(map(pane.lines, [metrics, *rest])) + event_lines + 1 + clock if screen is not None else 0
        return first, metrics, rest, lines

    def compact_actions(self, other_lines: int, keep: int = 0):
        """The actions for a short screen: each may take a second line if all of them still fit beside
        `other_lines`, else one line each with what does not fit cut (i KEY shows it all). `keep`: lines
        above (a new phase's panel) that one line each keeps in view, where the wrapped table would
        make the game pause first; the start of a game then pauses once, after the briefing."""
        width, screen = self.console.width, self.pane.screen_height()
        wrapped = screens.actions_table(self.s, width, compact=True, wrap=True)
        short = screens.actions_table(self.s, width, compact=True)
        if keep and self.pane.lines(short) + other_lines + keep <= screen:
            other_lines += keep
        if screen is not None and self.pane.lines(wrapped) + other_lines <= screen:
            return wrapped
        return short

    def help(self) -> None:
        self.out(screens.help_panel(help_view("terminal", self.turn_seconds, scenario=self.s.scenario,
                                              difficulty=self.s.difficulty),
                                    hidden_goals(self.s), numbers_shown=bool(drivers(self.s))))

    def show_report(self, r: Report) -> None:
        self.show(screens.report_renderables(r))
        self.report_on_screen = True

    def show_end(self) -> None:
        self.show([Rule(Plain(say.GAME_OVER, style="bold")), *end.debrief_renderables(debrief(self.s))])
        self.show_review()

    def show_review(self) -> None:
        """The review of the game: par, evaluation line, costliest turns, hidden drivers, insights from it."""
        from ..analysis.review import review
        from ..views.review import review_view

        note = Plain(say.REVIEWING, style="dim")
        if self.pane.make_room(self.pane.lines(note) + 1, say.PAUSE_REVIEW) in ("q", "quit"):
            raise Leave
        with self.pane.note_while(note):  # a few seconds: the game replayed against the best decisions
            self.review_of = review(self.s)
            v = review_view(self.s, self.review_of)
        where = self.saved_at = self.save_now()  # the finished game's own file: the player needs its name to review it again
        self.show([end.review_panel(v, where)])
        if where:
            self.path_line(where)
