"""The event waiting for an answer this turn: what happened and the possible answers."""

from __future__ import annotations

from dataclasses import dataclass

from ..session import Session

LETTERS = "abcdefgh"  # the terminal's answer keys; the window numbers them 1-n


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    number: int  # 1-based
    letter: str


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    heading: str  # "Event: Key client wants a custom feature"
    text: str
    choices: tuple[Choice, ...]
    question: str = "How do you answer?"

    def choice(self, choice_id: str) -> Choice:
        return next(c for c in self.choices if c.id == choice_id)


def event(session: Session) -> Event | None:
    """The waiting event, or None when there is none this turn."""
    ev = session.event
    if ev is None:
        return None
    return Event(ev.id, ev.title, f"Event: {ev.title}", ev.text.strip(),
                 tuple(Choice(c.id, c.label, n, LETTERS[n - 1]) for n, c in enumerate(ev.choices, 1)))
