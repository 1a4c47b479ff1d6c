"""The action cards of this turn: what each face and tooltip says, at the session's difficulty.

Everything comes from the session's per-turn snapshot, so drawing every card
with its tooltip costs no kernel call of its own.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from ..model.expr import names_in
from ..scenario.schema import CATEGORIES
from ..session import Session, Unavailable
from . import words

# The key printed on each card, in card order (the cards grouped by kind): 1-9, 0, then the bottom
# letter row. The window and the web pages take the same keys.
CARD_KEYS = (*(str(i) for i in range(1, 10)), "0", "Z", "X", "C", "V", "B")


SKILL_STEP = 10  # "at skill 40 it would work at ...": how far ahead the tooltip looks

# where each front-end shows a kind's weight in this phase, which a card's strength line points to: the
# window's column of that kind; the terminal has no columns, its card panel's title shows the figure
WEIGHT_SHOWN = {"window": "its column", "terminal": "as in the title"}


@dataclass(frozen=True)
class SkillScale:
    """How strong a card works now, split into the factors a player can see: the phase's weight for its
    kind (the figure on its column, "Management ×0.6"), the factor of the leader's skill and the team's
    state (the scenario's effectiveness formula), and fatigue from recent use; and what SKILL_STEP more
    skill would make of it."""

    skill: str
    skill_title: str  # "leadership skill"
    skill_value: float
    works_at: float  # the card's multiplier now: phase_weight * skill_factor * fatigue
    with_more: float  # the same with SKILL_STEP more skill
    phase_weight: float
    tired: bool  # used recently: weaker for a while
    category: str = ""
    skill_factor: float = 1.0  # the formula's value now (the leader's skill and the team's state)
    fatigue: float = 1.0
    also: tuple[str, ...] = ()  # the other drivers in the formula, by title ("trust", "process maturity")

    label = "Strength now"

    def detail_in(self, front: str) -> str:
        """'×0.21 of its base effect. It is ×0.6 for management in this phase (its column), times ×0.35
        for your management skill 20 and process maturity. With management skill 30 it would be ×0.25.'
        The total first, in a sentence of its own, then the factors it is made of: one sentence that
        mixed both ('×0.32 = ×0.7 ... × 0.45 from ...') took a new player two reads (s4 finding 11).
        The second figure is the one `front` shows beside the card (WEIGHT_SHOWN: the window's column,
        the terminal panel's title), so the card and that figure say one thing."""
        more = min(100.0, self.skill_value + SKILL_STEP)
        drivers = " and ".join((f"your {self.skill_title} {self.skill_value:.0f}", *self.also))
        tired = f", times ×{self.fatigue:.2f} as you used it recently" if self.tired else ""
        return (f"×{self.works_at:.2f} of its base effect. It is ×{self.phase_weight:.1f} for {self.category} "
                f"in this phase ({WEIGHT_SHOWN[front]}), times ×{self.skill_factor:.2f} for {drivers}{tired}. "
                f"With {self.skill_title} {more:.0f} it would be ×{self.with_more:.2f}.")

    @property
    def detail(self) -> str:
        return self.detail_in("window")

    def text_in(self, front: str) -> str:
        return f"{self.label}: {self.detail_in(front)}"

    @property
    def text(self) -> str:
        return self.text_in("window")


@dataclass(frozen=True)
class Effect:
    """One expected change of a card, luck aside: the price is counted in (budget)."""

    metric: str
    title: str
    amount: float
    words: str  # as the difficulty reveals it: "Morale +4" (guided), "Morale ••" (standard)
    later: float = 0.0  # the part of `amount` that arrives on later turns (delayed effects)
    when: str = ""  # " (later)", " (+1 this turn, the rest later)": said where there is room

    @property
    def timed_words(self) -> str:
        """'Efficiency +3 (later)': the words with when the effect arrives (tooltips, dialogs, web)."""
        return self.words + self.when


@dataclass(frozen=True)
class Card:
    id: str
    number: int  # 1-based position in the scenario's list
    key: str | None  # the key printed on the card (window, web), None beyond the fifteenth card
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
    skill_scale: SkillScale | None = None  # None when no skill of the leader scales this kind of card
    more_effects: tuple[Effect, ...] = ()  # the expected changes beyond the `top` largest in `effects`

    @property
    def available(self) -> bool:
        return self.unavailable is None

    @property
    def effects_text(self) -> str:
        return ", ".join(e.words for e in self.effects)

    @property
    def timed_effects_text(self) -> str:
        """The effects with when each arrives ('Efficiency +3 (later), Process maturity +1')."""
        return ", ".join(e.timed_words for e in self.effects)

    @property
    def more_count_text(self) -> str:
        """'… and 2 more' when the card has more expected changes than it shows, else ''."""
        return more_words(len(self.more_effects))

    @property
    def more_text(self) -> str:
        """'… and 2 more: Trust +1, Stress -1': the rest of the expected changes, so a tooltip or a page
        that shows the largest few lists every one (a fifth effect was silently left out)."""
        if not self.more_effects:
            return ""
        return f"{self.more_count_text}: " + ", ".join(e.timed_words for e in self.more_effects)

    @property
    def notes_text(self) -> str:
        """'costs 1 AP and 4k; rests 2 turns after use.'"""
        return "; ".join(self.notes) + "."

    @property
    def heading(self) -> str:
        """'Share the vision (leadership, ×1.5 in this phase)': the figure its column shows."""
        return f"{self.title} ({self.category}, ×{self.weight:.1f} in this phase)"


def more_words(count: int) -> str:
    """'… and 2 more' (changes left out of a short list), '' for none."""
    return f"… and {count} more" if count > 0 else ""


def expected_effects(session: Session, action, top: int = 4) -> tuple[Effect, ...]:
    """An action's largest expected changes, the price included; empty at expert difficulty."""
    if session.difficulty == "expert":
        return ()
    effects = dict(session.snapshot().expected.get(action.id, {}))
    effects["budget"] = effects.get("budget", 0.0) + action.cost.budget
    return ranked_effects(session, effects, top, session.snapshot().later.get(action.id, {}))


def ranked_effects(session: Session, change: dict[str, float], top: int | None,
                   later: dict[str, float] | None = None, say=words.effect_words) -> tuple[Effect, ...]:
    """The `top` largest expected changes worth showing (None: all of them), in the words of the
    session's difficulty (`say`: a card's words, or an event answer's, which always give the direction);
    `later`: the part of each that arrives on later turns, which the words say ("Efficiency +3 (+1 this
    turn, the rest later)")."""
    ranked = sorted(change.items(), key=lambda kv: -abs(kv[1]))
    out = []
    for m, v in ranked:
        if abs(v) >= words.PREVIEW_SHOWN:
            spec = session.scenario.metrics[m]
            title = spec.title or m
            part = (later or {}).get(m, 0.0)
            out.append(Effect(m, title, v, say(title, v, session.difficulty, spec.unit), part,
                              words.later_words(v, part, session.difficulty, spec.unit)))
    return tuple(out if top is None else out[:top])


def card_order(session: Session) -> list:
    """The scenario's actions as the cards stand: grouped by kind (leadership, management, development)."""
    return [a for c in CATEGORIES for a in session.scenario.actions if a.category == c]


def card_key(n: int) -> str | None:
    """The key printed on the n-th card in card order (0-based), if it has one."""
    return CARD_KEYS[n] if n < len(CARD_KEYS) else None


def keyed_cards(session: Session, top: int = 4) -> tuple[Card, ...]:
    """Every card in card order, as the window lays them out and its keys count them: a typed
    front-end lists them so, each under the window's key, and a room that mixes front-ends says one
    thing ("press X") for one action."""
    by_id = {c.id: c for c in cards(session, top)}
    return tuple(by_id[a.id] for a in card_order(session))


def key_label(card: Card, position: int) -> str:
    """What a typed front-end shows and takes for a card: its key, or past the fifteenth card (which
    has none) its 1-based position in card order."""
    return card.key or str(position)


def typed_card(shown: tuple[Card, ...], typed: str) -> Card | None:
    """The card that `typed` names among `shown` (keyed_cards): its key in either case ("x", "X"),
    or its 1-based position in card order, the numbers a typed game took before it took the keys
    ("12" is X's card; 1 to 9 are the keys themselves), kept so old scripts still play."""
    token = typed.strip().upper()
    for n, c in enumerate(shown, 1):
        if token == key_label(c, n):
            return c
    if token.isdigit() and 1 <= int(token) <= len(shown):
        return shown[int(token) - 1]
    return None


def keys_text(count: int) -> str:
    """The keys of `count` cards in words: '1 to 9, 0, Z X C V B', '1 to 9, 0, then 16 to 18'."""
    keys = [card_key(n) for n in range(min(count, len(CARD_KEYS)))]
    digits = [k for k in keys if k.isdigit() and k != "0"]
    parts = [f"{digits[0]} to {digits[-1]}" if len(digits) > 1 else digits[0]]
    if "0" in keys:
        parts.append("0")
    letters = [k for k in keys if k.isalpha()]
    if letters:
        parts.append(" ".join(letters))
    text = ", ".join(parts)
    if count > len(CARD_KEYS):
        extra = f"{len(CARD_KEYS) + 1}" + (f" to {count}" if count > len(CARD_KEYS) + 1 else "")
        text += f", then {extra}"
    return text


_SCALES: "weakref.WeakKeyDictionary[Session, tuple]" = weakref.WeakKeyDictionary()


def _category_multipliers(session: Session) -> dict[str, tuple[str, float, float, float]]:
    """Per category whose multiplier depends on a skill of the leader: (skill, its value, multiplier now,
    multiplier with SKILL_STEP more skill). One kernel call per turn (two runs: each skill raised once)."""
    import numpy as np

    from ..model.context import effectiveness

    key = (id(session.state), session.turn, len(session.log))
    cached = _SCALES.get(session)
    if cached is not None and cached[0] == key:
        return cached[1]
    rules, now = session.rules, session.snapshot().effectiveness
    skills = [m for m in words.SKILLS if m in rules.index]
    out: dict[str, tuple[str, float, float, float]] = {}
    if skills:
        trial = session.state.take(np.zeros(len(skills), dtype=np.int64))
        for run, m in enumerate(skills):
            i = rules.index[m]
            trial.x[run, i] = min(float(rules.hi[i]), trial.x[run, i] + SKILL_STEP)
        more = effectiveness(rules, trial)
        for run, m in enumerate(skills):
            cat = words.SKILL_CATEGORY[m]
            k = CATEGORIES.index(cat)
            if abs(float(more[run, k]) - now[cat]) > 1e-9:
                out[cat] = (m, session.value(m), now[cat], float(more[run, k]))
    _SCALES[session] = (key, out)
    return out


def skill_scale(session: Session, action) -> SkillScale | None:
    found = _category_multipliers(session).get(action.category)
    if found is None:
        return None
    m, value, now, more = found
    fatigue = float(session.state.fatigue[0, session.rules.actions.index(action.id)])
    title = words.SKILL_TITLE[m].lower()
    weight = float(getattr(session.phase_spec.weights, action.category))
    formula = getattr(session.scenario.effectiveness, action.category)
    metrics = session.scenario.metrics
    also = tuple((metrics[n].title or n).lower() for n in dict.fromkeys(names_in(formula)) if n != m and n in metrics)
    return SkillScale(m, title, value, now * fatigue, more * fatigue, weight, fatigue < 0.995, action.category,
                      now / weight if weight else 0.0, fatigue, also)


def card(session: Session, action, number: int, top: int = 4) -> Card:
    weights = session.phase_spec.weights
    key = card_key(next(n for n, a in enumerate(card_order(session)) if a.id == action.id))
    u = session.unavailable(action.id)
    notes = (f"costs {action.cost.ap} AP and {action.cost.budget:g}k", *words.action_notes(action))
    # every change worth showing, largest first: the card shows `top`, and says how many more there are
    shown = expected_effects(session, action, len(session.scenario.metrics)) if top > 0 else ()
    return Card(
        id=action.id, number=number, key=key, title=action.title, category=action.category,
        letter=words.CATEGORY_LETTER[action.category], text=action.text, ap=action.cost.ap,
        budget=float(action.cost.budget), cost=words.cost_text(action), weight=getattr(weights, action.category),
        unavailable=u, reason=u.sentence if u else None, reason_short=words.reason_short(u) if u else None,
        expected_label=words.EXPECTED_LABEL[session.difficulty], effects=shown[:top],
        notes=tuple(notes), skill_scale=skill_scale(session, action), more_effects=shown[top:],
    )


def cards(session: Session, top: int = 4) -> tuple[Card, ...]:
    """Every action of the scenario as a card, in the scenario's order."""
    return tuple(card(session, a, n, top) for n, a in enumerate(session.scenario.actions, 1))


@dataclass(frozen=True)
class Group:
    """The cards of one kind, as the window's columns and the web page's fieldsets show them."""

    category: str
    letter: str
    title: str  # "Leadership"
    moves: str  # "move people: morale, trust, ownership and growth"
    weight: float  # how strong this kind works in the phase
    cards: tuple[Card, ...]


def groups(session: Session, all_cards: tuple[Card, ...] | None = None) -> tuple[Group, ...]:
    """The cards by kind, in card order (the kinds the scenario has)."""
    all_cards = all_cards if all_cards is not None else cards(session)
    by_id = {c.id: c for c in all_cards}
    weights = session.phase_spec.weights
    out = []
    for cat in CATEGORIES:
        members = tuple(by_id[a.id] for a in card_order(session) if a.category == cat)
        if members:
            out.append(Group(cat, words.CATEGORY_LETTER[cat], words.CATEGORY_TITLE[cat], words.CATEGORY_MOVES[cat],
                             getattr(weights, cat), members))
    return tuple(out)
