"""The turn clock of a timed game (workshops, the hot seat): how long a turn is and how much is left.

Pure arithmetic on the frame time a front-end feeds it, so the window, the
terminal and the web countdown all follow one rule: a turn starts with its full
time, a stalled frame takes at most MAX_STEP off the clock, and at zero the
turn is decided by the session's default decision (no actions, the first
answer). Where the clock runs (which screens) is each front-end's business.
"""

from __future__ import annotations

MAX_STEP = 1.0  # seconds one frame may take off the clock (a stalled window does not eat the turn)
HURRY = 15.0  # seconds left from which the clock warns (the window, the terminal and the web pages)


class TurnClock:
    def __init__(self, seconds: float):
        self.seconds = float(seconds)
        self.elapsed = 0.0
        self.key = None

    def follow(self, key) -> None:
        """Start again from full time when a new turn (or another team's turn) begins."""
        if key != self.key:
            self.key, self.elapsed = key, 0.0

    def advance(self, dt: float) -> None:
        self.elapsed += max(0.0, min(float(dt), MAX_STEP))

    @property
    def remaining(self) -> float:
        return max(0.0, self.seconds - self.elapsed)

    @property
    def expired(self) -> bool:
        return self.elapsed >= self.seconds

    @property
    def hurry(self) -> bool:
        return self.remaining <= HURRY

    @property
    def fraction(self) -> float:
        """The part of the turn's time left, 0 to 1."""
        return self.remaining / max(1.0, self.seconds)


def turn_key(session) -> tuple:
    """What a clock follows: this game's current turn."""
    return (id(session), session.turn)


def seconds_for(session, fallback: int | None = None) -> int | None:
    """The turn length of a game: its workshop's, else `fallback` (the hot seat's own), else None."""
    from .workshop.handin import turn_seconds

    if session is None:
        return None
    return turn_seconds(session) or fallback
