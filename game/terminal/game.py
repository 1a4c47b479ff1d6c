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

from .. import saves
from ..flow import Progress, Screen, next_screen
from ..session import DecisionError, Session
from ..views.briefing import briefing
from ..views.debrief import debrief
from ..views.event import event as event_view
from ..views.help import help_view
from ..views.phase import PhaseChange, phase_change
from ..views.report import Report, turn_report
from . import end, screens
from .keyboard import TAKE_BACK, TAKE_BACK_WORDS, EndOfInput, TimedLines
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

    def out(self, *objects, **kw) -> None:
        self.pane.out(*objects, **kw)

    # --- the game loop -------------------------------------------------------
    def run(self) -> int:
        """Show each screen the turn flow owes, in its order; decide a turn when the dashboard is owed."""
        self.briefing()
        self.progress = Progress.new(self.s)
        while True:
            code = self.play_to_end()
            if code is not None:
                return code
            self.show_end()
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
                        return self.quit("You left the game.")
                    if decision is TAKE_BACK:
                        self.take_back()
                        continue
                    self.s.decide(decision)
                    self.progress.decided()
                    if self.autosave:
                        self.autosave(self.s)
                    continue
                self.progress.saw(screen, self.s)
        except EndOfInput:
            return self.quit("Input ended.")
        return None

    # --- taking back, leaving, saving --------------------------------------------------------------
    def offer_take_back(self) -> bool:
        """At the end of an interactive practice game: take back the last turn to try another decision?"""
        if not self.stdin.isatty() or self.s.can_take_back():
            return False
        try:
            answer = self.pane.ask("Type u to take back the last turn and try another decision, or Enter to finish:")
        except EndOfInput:
            return False
        return answer.lower() in TAKE_BACK_WORDS and self.take_back()

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
        what = ", ".join(titles.get(a, a) for a in last.actions) or "no action"
        self.out(Plain(f"Turn {self.s.turn + 1} taken back (you had chosen: {what}). "
                       "Try another decision.", style="yellow"))
        return True

    def quit(self, why: str) -> int:
        where = self.save_now()
        msg = f"{why} Your game is saved in {where}; continue it with: leadsim play --load {where} --text" \
            if where else why if self.s.turn == 0 else f"{why} Saving your game failed (see above)."
        self.out(msg)
        return 0

    def save_now(self) -> Path | None:
        if self.s.turn == 0 and self.save_path is None:
            return None
        target = self.save_path or (self.autosave(self.s) if self.autosave else None)
        if target is not None and self.save_path is not None:
            saves.save(self.s, target)
        return target

    # --- screens ---------------------------------------------------------------
    def briefing(self) -> None:
        self.out(screens.briefing_panel(briefing(self.s)))

    def show_phase(self, pc: PhaseChange) -> None:
        self.out(screens.phase_panel(pc))
        if pc.first:  # the end of the briefing
            self.out(Plain(briefing(self.s).score))
            self.out("Type [bold]?[/bold] at any prompt for help.\n")

    def show_turn(self) -> None:
        """The turn's head, metrics, crises and actions; on a screen too short for all of it (80x24 and
        scaleup's 15 actions), one line per action and the metrics in a strip just above the prompt."""
        s, pane, width = self.s, self.pane, self.console.width
        pane.new_screen()
        self.console.rule(screens.turn_head(s))
        pane.since_metrics += 1
        crisis_lines = screens.crisis_lines(s)
        ev = event_view(s)
        whole = [screens.metrics_table(s), *crisis_lines, screens.actions_table(s, width)]
        screen = pane.screen_height()
        need = 1 + sum(map(pane.lines, whole)) + (sum(map(pane.lines, screens.event_block(ev))) + 1 if ev else 0) + 2
        self.prompts.actions_owed = False
        if screen is None or need <= screen:
            self.out(whole[0], metrics=True)
            for r in whole[1:]:
                self.out(r)
            return
        for r in crisis_lines:
            self.out(r)
        if ev is None:
            self.out(screens.actions_table(s, width, compact=True))
        else:  # the event first, with the metrics; its actions once it is answered
            self.prompts.actions_owed = True
        self.out(screens.metrics_strip(s, width), metrics=True)

    def help(self) -> None:
        self.out(screens.help_panel(help_view("terminal", self.turn_seconds, scenario=self.s.scenario)))

    def show_report(self, r: Report) -> None:
        for part in screens.report_renderables(r):
            self.out(part)

    def show_end(self) -> None:
        self.console.rule(Plain("Game over", style="bold"))
        for part in end.debrief_renderables(debrief(self.s)):
            self.out(part)
        self.show_review()

    def show_review(self) -> None:
        """The review of the game: par, evaluation line, costliest turns, hidden drivers, insights from it."""
        from ..analysis.review import review
        from ..views.review import review_view

        self.out(Plain(end.REVIEWING, style="dim"))
        v = review_view(self.s, review(self.s))
        where = self.save_now()  # the finished game's own file: the player needs its name to review it again
        self.out(end.review_panel(v, where))
