"""What the player sees scroll by: printing, reading a line after a prompt, and counting the lines on
screen since the metrics were last shown.

On a terminal of 24 lines a turn's event, its answers and a few wrong answers push the metrics off
the top; the pane counts every line it prints (and the player's echoed typing) so that, before a
prompt, the game can tell whether the metrics are still in view and show them again if not.
"""

from __future__ import annotations

import time
from typing import TextIO

from rich.console import Console
from rich.text import Text

from .keyboard import EndOfInput, TimedLines
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

    # --- reading --------------------------------------------------------------------------------
    def ask(self, prompt: str) -> str:
        """Print the prompt (with the time left on the turn clock) and read one line, stripped."""
        if self.timed is not None and self.deadline is not None:
            left = self.deadline - time.monotonic()
            shown = f"[bold]{escape(prompt)}[/bold] [dim]({max(0, int(left))} s left)[/dim] "
            self.console.print(shown, end="")
            line = self.timed.readline(left)
        else:
            shown = f"[bold]{escape(prompt)}[/bold] "
            self.console.print(shown, end="")
            line = self.stdin.readline()
        if not line:
            self.console.print()
            raise EndOfInput
        if self.stdin.isatty():  # the terminal echoes the answer after the prompt
            self.since_metrics += self.lines(Text.from_markup(shown) + Text(line.rstrip("\n")))
        else:
            self.since_metrics += self.lines(shown)
            self.out(line.rstrip("\n"), style="dim")
        return line.strip()

    # --- printing and counting ------------------------------------------------------------------
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
        n = sum(self.lines(o, kw.get("markup")) for o in objects) if objects else 1
        if metrics:
            self.metrics_lines, self.since_metrics = n, 0
        else:
            self.since_metrics += n

    def new_screen(self) -> None:
        """A new turn: the metrics of the last one no longer count as shown."""
        self.metrics_lines, self.since_metrics = 0, 0

    def metrics_scrolled_away(self, prompt: str) -> bool:
        """The metrics were shown this turn but the prompt would push them off the top of the screen."""
        screen = self.screen_height()
        if screen is None or not self.metrics_lines:
            return False
        return self.metrics_lines + self.since_metrics + self.lines(prompt + " " * 8) > screen
