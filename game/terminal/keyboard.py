"""Reading the player's lines: with a deadline when the turn clock runs, and the end of input.

Apart from the rest so a workshop's clock (and its tests) can use the deadline reader without the
screens.
"""

from __future__ import annotations

import os
import select
import time
from typing import Callable


class EndOfInput(Exception):
    """The input ended (Ctrl+D, or the last line of a pipe): the game is saved and left."""


class Leave(Exception):
    """The player typed q at a pause between screens: the game is saved and left."""


class TimeUp(Exception):
    """The turn clock ran out before a line was typed."""


TAKE_BACK = object()  # what a decision prompt returns when the player asks to take back the last turn
TAKE_BACK_WORDS = ("u", "undo", "back")
QUIT_WORDS = ("q", "quit", "exit")
HELP_WORDS = ("?", "h", "help")


class TimedLines:
    """Reads lines from a file descriptor with a deadline (POSIX select; works for terminals and pipes)."""

    def __init__(self, fd: int):
        self.fd = fd
        self.buffer = b""

    def readline(self, timeout: float | None, tick: Callable[[float], None] | None = None) -> str:
        """A line, or TimeUp after `timeout` seconds (None: no limit, as between turns); `tick(seconds
        left)` is called every second while the player types (the terminal's countdown). All reading
        of a timed game goes through here: a second buffered reader of the same descriptor would take
        lines this one never sees."""
        end = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self.buffer:
            if end is None:
                wait = None
            else:
                left = end - time.monotonic()
                if left <= 0:
                    self.time_up(tick)
                wait = left if tick is None else min(left, (left % 1.0) or 1.0)  # wake as each second passes
            ready, _, _ = select.select([self.fd], [], [], wait)
            if not ready:
                if tick is not None and end - time.monotonic() > 0:
                    tick(end - time.monotonic())
                    continue
                self.time_up(tick)
            chunk = os.read(self.fd, 4096)
            if not chunk:
                if self.buffer:
                    break
                return ""
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.decode("utf-8", "replace") + "\n"

    def time_up(self, tick: Callable[[float], None] | None = None):
        """The clock ran out (the countdown shows 0:00). At a terminal what was typed on the unfinished
        line is dropped, so it does not become the answer to the next question."""
        if tick is not None:
            tick(0.0)
        if os.isatty(self.fd):  # a pipe keeps its partial line: a script's next answer
            import termios

            self.buffer = b""
            termios.tcflush(self.fd, termios.TCIFLUSH)
        raise TimeUp
