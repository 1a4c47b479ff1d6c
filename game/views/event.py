"""The event waiting for an answer this turn: what happened and the possible answers."""

from __future__ import annotations

from dataclasses import dataclass

from ..scenario.schema import CATEGORIES
from ..session import Session
from . import words
from .cards import Effect, more_words, ranked_effects

LETTERS = "abcdefgh"  # the terminal's answer keys; the window numbers them 1-n


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    number: int  # 1-based
    letter: str
    effects: tuple[Effect, ...] = ()  # expected, luck aside, the largest SHOWN (answer_effect_words)
    more_effects: tuple[Effect, ...] = ()  # the expected changes beyond those, as a card keeps its own

    @property
    def effects_text(self) -> str:
        return ", ".join(e.words for e in self.effects)

    @property
    def timed_effects_text(self) -> str:
        return ", ".join(e.timed_words for e in self.effects)

    @property
    def more_count_text(self) -> str:
        """'… and 2 more' when the answer has more expected changes than it shows, as a card says it."""
        return more_words(len(self.more_effects))

    @property
    def more_text(self) -> str:
        """'… and 2 more: Trust up •, Stress down •': the rest, for a front-end with room to list them."""
        if not self.more_effects:
            return ""
        return f"{self.more_count_text}: " + ", ".join(e.timed_words for e in self.more_effects)


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    heading: str  # "Event: Key client wants a custom feature"
    text: str
    choices: tuple[Choice, ...]
    question: str = "How do you answer?"
    expected_label: str | None = None  # "Expected", "Expected direction" (expert: no sizes)

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
    choices = []
    for n, c in enumerate(ev.choices, 1):
        found = choice_effects(session, e, n - 1, None)
        choices.append(Choice(c.id, c.label, n, LETTERS[n - 1], found[:SHOWN], found[SHOWN:]))
    return Event(ev.id, ev.title, f"Event: {ev.title}", ev.text.strip(), tuple(choices),
                 expected_label=words.ANSWER_LABEL[session.difficulty])


SHOWN = 3  # an answer's largest expected changes shown on its line; the rest are counted ('… and 2 more')


def choice_effects(session: Session, e: int, c: int, top: int | None = SHOWN) -> tuple[Effect, ...]:
    """An answer's largest expected changes (None: all), as a card previews its own (game/views/cards.py):
    its effects and delayed effects, scaled like an action of its kind when it has one, its cost counted
    in; luck and headroom aside. At every difficulty with the direction (words.answer_effect_words)."""
    rules = session.rules
    delayed = rules.choice_delayed[e, c].sum(axis=0)
    amounts = rules.choice_effects[e, c] + delayed
    cat = int(rules.choice_category[e, c])
    scale = session.snapshot().effectiveness[CATEGORIES[cat]] if cat >= 0 else 1.0
    change = {m: float(amounts[i]) * scale for i, m in enumerate(rules.metrics)}
    change["budget"] = change.get("budget", 0.0) - float(rules.choice_cost[e, c])
    later = {m: float(delayed[i]) * scale for i, m in enumerate(rules.metrics)}
    return ranked_effects(session, change, top, later, words.answer_effect_words)
