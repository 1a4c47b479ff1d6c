"""The action cards of this turn: what each face and tooltip says, at the session's difficulty.

Everything comes from the session's per-turn snapshot, so drawing every card
with its tooltip costs no kernel call of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..session import Session, Unavailable
from . import words


@dataclass(frozen=True)
class Effect:
    """One expected change of a card, luck aside: the price is counted in (budget)."""

    metric: str
    title: str
    amount: float
    words: str  # as the difficulty reveals it: "Morale +4" (guided), "Morale ••" (standard)


@dataclass(frozen=True)
class Card:
    id: str
    number: int  # 1-based position in the scenario's list (the terminal's action number)
    title: str
    category: str
    letter: str  # L, M, D
    text: str
    ap: int
    budget: float
    cost: str  # "1 AP · 4k"
    weight: float  # how strong its kind works in this phase
    unavailable: Unavailable | None
    reason: str | None  # the full sentence when unavailable
    reason_short: str | None  # the card face's few words
    expected_label: str | None  # "Expected", "Expected size", or None (expert: effects hidden)
    effects: tuple[Effect, ...]
    notes: tuple[str, ...]  # "costs 1 AP and 4k", "rests 2 turns after use", ...

    @property
    def available(self) -> bool:
        return self.unavailable is None

    @property
    def effects_text(self) -> str:
        return ", ".join(e.words for e in self.effects)

    @property
    def notes_text(self) -> str:
        """'costs 1 AP and 4k; rests 2 turns after use.'"""
        return "; ".join(self.notes) + "."

    @property
    def heading(self) -> str:
        """'Share the vision (leadership, works at 1.5x in this phase)'."""
        return f"{self.title} ({self.category}, works at {self.weight:.1f}x in this phase)"


def expected_effects(session: Session, action, top: int = 4) -> tuple[Effect, ...]:
    """An action's largest expected changes, the price included; empty at expert difficulty."""
    if session.difficulty == "expert":
        return ()
    effects = dict(session.snapshot().expected.get(action.id, {}))
    effects["budget"] = effects.get("budget", 0.0) + action.cost.budget
    ranked = sorted(effects.items(), key=lambda kv: -abs(kv[1]))[:top]
    out = []
    for m, v in ranked:
        if abs(v) >= words.PREVIEW_SHOWN:
            title = session.scenario.metrics[m].title or m
            out.append(Effect(m, title, v, words.effect_words(title, v, session.difficulty)))
    return tuple(out)


def card(session: Session, action, number: int, top: int = 4) -> Card:
    weights = session.phase_spec.weights
    u = session.unavailable(action.id)
    notes = (f"costs {action.cost.ap} AP and {action.cost.budget:g}k", *words.action_notes(action))
    return Card(
        id=action.id, number=number, title=action.title, category=action.category,
        letter=words.CATEGORY_LETTER[action.category], text=action.text, ap=action.cost.ap,
        budget=float(action.cost.budget), cost=words.cost_text(action), weight=getattr(weights, action.category),
        unavailable=u, reason=u.sentence if u else None, reason_short=words.reason_short(u) if u else None,
        expected_label=words.EXPECTED_LABEL[session.difficulty], effects=expected_effects(session, action, top),
        notes=tuple(notes),
    )


def cards(session: Session, top: int = 4) -> tuple[Card, ...]:
    """Every action of the scenario as a card, in the scenario's order."""
    return tuple(card(session, a, n, top) for n, a in enumerate(session.scenario.actions, 1))
