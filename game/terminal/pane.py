"""What the player sees scroll by: printing, reading a line after a prompt, and counting the lines on
screen since the metrics were last shown.

On a terminal of 24 lines a turn's event, its answers and a few wrong answers push the metrics off
the top; the pane counts every line it prints (and the player's echoed typing) so that, before a
prompt, the game can tell whether the metrics are still in view and show them again if not.

Counting a block means rendering it a second time, which is as dear as printing it. Into a pipe or a
file nothing scrolls away and no count is ever read, so there the pane prints without counting.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console, Group
from rich.segment import Segment, Segments  # noqa: F401 - Segment: the lines' type
from rich.text import Text

from ..clock import HURRY
from ..views import prompts
from .keyboard import EndOfInput, TimedLines, TimeUp
from .text import escape


class Pane:
    """A console and the player's input, with the count of lines printed since the metrics."""

    def __init__(self, console: Console, stdin: TextIO, timed: TimedLines | None = None):
        self.console = console
        self.stdin = stdin
        self.timed = timed  # None: no turn clock, or no file descriptor to wait on
        self.deadline: float | None = None  # time.monotonic() when the turn's clock runs out
        self.metrics_lines = 0  # how many lines the metrics took when last printed (0: not this turn)
        self.since_metrics = 0  # lines printed since then
        self.unread = 0  # lines printed since the player last typed (what a new screen must not push away)
        # a line typed at a pause that answers nothing there ('6 0 2' at "Press Enter for turn 27"): kept for the
        # turn's actions prompt, which takes it as typed there (a player typing ahead lost two turns to pauses
        # that read any line as Enter: s7 player 3, finding 1)
        self.ahead: str | None = None

    # --- reading --------------------------------------------------------------------------------
    def ask(self, prompt: str) -> str:
        """Print the prompt (with the time left on the turn clock) and read one line, stripped."""
        if self.timed is not None and self.deadline is not None:
            left = self.deadline - time.monotonic()
            shown = f"[bold]{escape(prompt)}[/bold] "
            tick = self.clock_above(shown, left)
            self.console.print(shown, end="")
            try:
                line = self.timed.readline(left, tick)
            except TimeUp:
                self.unread = 0  # the screen waited for the player: the report may push it away
                raise
        elif self.timed is not None:  # a timed game between turns: no clock, but the same reader
            shown = f"[bold]{escape(prompt)}[/bold] "
            self.console.print(shown, end="")
            line = self.timed.readline(None)
        else:
            shown = f"[bold]{escape(prompt)}[/bold] "
            self.console.print(shown, end="")
            line = self.stdin.readline()
        if not line:
            self.console.print()
            raise EndOfInput
        typed = Text(line.rstrip("\n"))  # as typed: '[/]' is an answer, not markup
        if self.stdin.isatty():  # the terminal echoes the answer after the prompt
            if self.counts:
                self.since_metrics += self.lines(Text.from_markup(shown) + typed)
        else:  # piped input is not echoed: show it after the prompt
            if self.counts:
                self.since_metrics += self.lines(shown)
            self.out(Text(typed.plain, style="dim"))
        self.unread = 0
        return line.strip()

    def clock_above(self, shown: str, left: float):
        """Print the turn clock on its own line above the prompt; on a terminal, return what rewrites
        that line in place each second (the cursor is saved and restored around it, so what the
        player is typing stays where it is), else None: a pipe gets the line once."""
        line = prompts.clock_line(left)
        self.out(Text(line, style="bold red" if left <= HURRY else "dim"))
        if not (self.console.is_terminal and self.stdin.isatty()):
            return None
        up = self.lines(shown, markup=True)  # the prompt's own lines; the clock sits just above them

        def tick(seconds_left: float) -> None:
            style = "1;31" if seconds_left <= HURRY else "2"
            text = prompts.clock_line(seconds_left)
            self.console.file.write(f"\0337\033[{up}A\r\033[{style}m{text}\033[0m\033[K\0338")
            self.console.file.flush()

        return tick

    # --- printing and counting ------------------------------------------------------------------
    @property
    def counts(self) -> bool:
        """Whether lines are counted: only on a terminal, where they can scroll off its top (every use
        of the counts asks for the screen's height first, which a pipe or a file has not)."""
        return self.console.is_terminal

    def screen_height(self) -> int | None:
        """The terminal's height in lines; None when the output is not a terminal (a pipe, a file)."""
        return self.console.size.height if self.console.is_terminal else None

    def lines(self, renderable, markup: bool | None = None) -> int:
        """How many lines `renderable` takes at the console's width."""
        if isinstance(renderable, str):
            renderable = self.console.render_str(renderable, markup=markup)
        return len(self.console.render_lines(renderable, self.console.options, pad=False, new_lines=False))

    def out(self, *objects, metrics: bool = False, **kw) -> None:
        """console.print, counting the lines printed since the metrics were last shown."""
        self.console.print(*objects, **kw)
        if not self.counts:
            return
        n = sum(self.lines(o, kw.get("markup")) for o in objects) if objects else 1
        if metrics:
            self.metrics_lines, self.since_metrics = n, 0
        else:
            self.since_metrics += n
        self.unread += n

    def note(self, text: str) -> None:
        """`text` on stderr as it is (a path in it stays whole for copying, wrapped only by the terminal),
        counted as the lines the terminal wraps it into."""
        print(text, file=sys.stderr, flush=True)
        if self.counts:
            width = max(1, self.console.width)
            n = sum(max(1, -(-cell_len(line) // width)) for line in text.split("\n"))
            self.since_metrics += n
            self.unread += n

    def new_screen(self) -> None:
        """A new turn: the metrics of the last one no longer count as shown."""
        self.metrics_lines, self.since_metrics = 0, 0

    def metrics_scrolled_away(self, prompt: str) -> bool:
        """The metrics were shown this turn but the prompt would push them off the top of the screen."""
        screen = self.screen_height()
        if screen is None or not self.metrics_lines:
            return False
        return self.metrics_lines + self.since_metrics + self.lines(prompt + " " * 8) > screen

    # --- not letting unread lines scroll away ---------------------------------------------------------
    @property
    def pages(self) -> bool:
        """A person at a terminal of known height: what scrolls off the top is lost to them, so the game
        waits before it pushes unread lines away. A pipe or a file gets everything at once."""
        return self.stdin.isatty() and self.screen_height() is not None

    def pause(self, prompt: str, answers: tuple[str, ...] = (), carries: bool = True) -> str:
        """Wait for Enter: '' for Enter, 'q' to leave, or one of `answers` (lower case). Any other line
        is not lost as an Enter: it is kept in `ahead` for the next actions prompt (a later line typed
        at a pause replaces it), the player is told so, and the pause returns ''. The pager's own words
        ('a', 'all') are never carried: typed at a pause that is no pager they go on, as Enter does.
        `carries` False (the pager's more-prompt): any other line is said not to be taken, and asked again."""
        while True:
            answer = self.ask(prompt)
            low = answer.lower()
            if low in ("", "q", "quit") or low in answers:
                return "q" if low == "quit" else low
            if not carries:
                self.out(Text(prompts.not_for_pager(answer), style="red"))
                continue
            if low in prompts.ALL_WORDS:
                return ""
            self.ahead = answer
            self.out(Text(prompts.carried(answer), style="yellow"))
            return ""

    def take_ahead(self) -> str | None:
        """The line typed ahead at a pause, once (None: nothing was)."""
        line, self.ahead = self.ahead, None
        return line

    def make_room(self, n: int, prompt: str = prompts.PAUSE, always: bool = False) -> str | None:
        """Before `n` new lines (a screen and its prompt): if they would push unread lines off the top,
        wait for Enter first; `always`: wait whenever unread lines are on screen (after a turn report,
        the next screen waits at every size: a player at 120x40 met the next turn's table under the
        report with no prompt, where at 80x24 every report ends with one: s7 player 3, finding 6).
        The player's answer to the pause ('' for Enter, 'q'), or None: no pause."""
        screen = self.screen_height()
        if not self.pages or not self.unread or (self.unread + n <= screen and not always):
            return None
        return self.pause(prompt)

    def page(self, renderables: list, prompt: str = prompts.PAUSE, always: bool = False) -> str | None:
        """Print `renderables`, a screen at a time when they are longer than the screen: a page breaks
        between two of them where it can (a table stays whole), inside one only when it is taller
        than the screen; 'a' at the more-prompt prints the rest at once. Returns the answer to a
        pause before them, as make_room (`always` as there)."""
        if not self.pages:
            for r in renderables:
                self.out(r)
            return None
        options, screen = self.console.options, self.screen_height()
        blocks = [self.console.render_lines(r, options, pad=False, new_lines=True) for r in renderables]
        answer = self.make_room(min(sum(map(len, blocks)), screen), prompt, always)
        if answer in ("q", "quit"):
            return answer
        for n, block in enumerate(blocks):
            while block:
                room = screen - 1 - self.unread  # one line for the more-prompt
                if len(block) > room and (self.unread == 0 or len(block) > screen - 1):
                    room = max(1, room)  # taller than a page: split it
                    self.print_lines(block[:room])
                    block = block[room:]
                elif len(block) <= room:
                    self.print_lines(block)
                    block = []
                    continue
                if block or n < len(blocks) - 1:
                    more = self.pause(prompts.MORE, prompts.ALL_WORDS, carries=False)
                    if more == "q":
                        return more
                    if more in prompts.ALL_WORDS:
                        self.print_lines([line for rest in [block, *blocks[n + 1:]] for line in rest])
                        return answer
        return answer

    @contextmanager
    def note_while(self, note):
        """`note` ('Reviewing your game...') printed while the block inside runs; on a paged terminal
        it is taken off again afterwards, so the screen that follows starts where the note was."""
        self.out(note)
        yield
        if self.pages:
            n = self.lines(note)
            self.console.file.write(f"\033[{n}F\033[J")  # up n lines to their start, clear below
            self.console.file.flush()
            self.unread, self.since_metrics = max(0, self.unread - n), max(0, self.since_metrics - n)

    def print_lines(self, lines: list[list[Segment]]) -> None:
        """Lines already rendered at the console's width (each ending in its new line), printed as they
        are (and counted)."""
        for line in lines:
            self.console.print(Segments(line), end="")
        self.since_metrics += len(lines)
        self.unread += len(lines)
