"""The event waiting for an answer this turn: what happened and the possible answers."""

from __future__ import annotations

from dataclasses import dataclass

from ..scenario.schema import CATEGORIES
from ..session import Session
from . import words
from .cards import Effect, ranked_effects

LETTERS = "abcdefgh"  # the terminal's answer keys; the window numbers them 1-n


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    number: int  # 1-based
    letter: str
    effects: tuple[Effect, ...] = ()  # expected, luck aside, as the difficulty reveals them (like a card's)

    @property
    def effects_text(self) -> str:
        return ", ".join(e.words for e in self.effects)

    @property
    def timed_effects_text(self) -> str:
        return ", ".join(e.timed_words for e in self.effects)


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    heading: str  # "Event: Key client wants a custom feature"
    text: str
    choices: tuple[Choice, ...]
    question: str = "How do you answer?"
    expected_label: str | None = None  # "Expected", "Expected size"; None at expert (no hints)

    @property
    def hints(self) -> bool:
        return any(c.effects for c in self.choices)

    def choice(self, choice_id: str) -> Choice:
        return next(c for c in self.choices if c.id == choice_id)


def event(session: Session) -> Event | None:
    """The waiting event, or None when there is none this turn."""
    ev = session.event
    if ev is None:
        return None
    e = next(i for i, x in enumerate(session.scenario.events) if x is ev)
    return Event(ev.id, ev.title, f"Event: {ev.title}", ev.text.strip(),
                 tuple(Choice(c.id, c.label, n, LETTERS[n - 1], choice_effects(session, e, n - 1))
                       for n, c in enumerate(ev.choices, 1)),
                 expected_label=words.EXPECTED_LABEL[session.difficulty])


def choice_effects(session: Session, e: int, c: int, top: int = 3) -> tuple[Effect, ...]:
    """An answer's largest expected changes, as a card previews its own (game/views/cards.py): its
    effects and delayed effects, scaled like an action of its kind when it has one, its cost counted
    in; luck and headroom aside. Empty at expert difficulty."""
    if session.difficulty == "expert":
        return ()
    rules = session.rules
    delayed = rules.choice_delayed[e, c].sum(axis=0)
    amounts = rules.choice_effects[e, c] + delayed
    cat = int(rules.choice_category[e, c])
    scale = session.snapshot().effectiveness[CATEGORIES[cat]] if cat >= 0 else 1.0
    change = {m: float(amounts[i]) * scale for i, m in enumerate(rules.metrics)}
    change["budget"] = change.get("budget", 0.0) - float(rules.choice_cost[e, c])
    later = {m: float(delayed[i]) * scale for i, m in enumerate(rules.metrics)}
    return ranked_effects(session, change, top, later)
