"""The phase screen: which phase begins, what it is about, and how strong each kind of action is now."""

from __future__ import annotations

from dataclasses import dataclass

from ..scenario.schema import CATEGORIES
from ..session import Session
from . import words


@dataclass(frozen=True)
class KindWeight:
    category: str
    letter: str
    title: str  # "Leadership"
    now: float
    before: float | None  # in the phase before (None for the first phase)


@dataclass(frozen=True)
class PhaseChange:
    id: str
    title: str
    first: bool  # the game's first phase (the briefing), not a change
    heading: str  # "A new phase begins: Mature company"
    text: str
    rewarded: str  # "leadership", "management", "both equally"
    lean: str  # "Management actions pay more here."
    weights: tuple[KindWeight, ...]
    strength: str  # "In this phase leadership actions work at 0.7x and management actions at 1.5x."

    @property
    def compared(self) -> bool:
        return not self.first


OUTLINE_NOTE = "The outline shows how strong each kind was before."


def phase_change(session: Session, index: int | None = None, first: bool | None = None) -> PhaseChange:
    """The phase `index` (default: the current one) as the screen that announces it."""
    phases = session.scenario.phases
    k = session.rules.phases.index(session.phase) if index is None else index
    first = (k == 0) if first is None else first
    spec = phases[k]
    before = phases[k - 1].weights if k > 0 and not first else None
    w = spec.weights
    kinds = tuple(KindWeight(c, words.CATEGORY_LETTER[c], words.CATEGORY_TITLE[c], getattr(w, c),
                             getattr(before, c) if before is not None else None) for c in CATEGORIES)
    head = "The first phase" if first else "A new phase begins"
    return PhaseChange(spec.id, spec.title, first, f"{head}: {spec.title}", spec.text.strip(), words.rewarded(w),
                       words.lean_sentence(w), kinds,
                       f"In this phase leadership actions work at {w.leadership:.1f}x and "
                       f"management actions at {w.management:.1f}x.")
