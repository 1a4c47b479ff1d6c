"""The game's small words, written once: thresholds, verdicts, outcome words, letters, skills, phase leanings.

Every screen of every front-end (window, terminal, web pages) takes these from
here, so "no change", "better", "WIN" or "Leadership actions pay more here"
can never read differently on two screens. Nothing here knows a front-end:
a verdict is an enum that the terminal maps to a colour and the web to a CSS
class.
"""

from __future__ import annotations

from enum import StrEnum

from ..scenario.defaults import SKILL_METRICS
from ..scenario.schema import CATEGORIES
from ..session import CauseKind, Unavailable, Why

NO_CHANGE = 0.05  # smaller changes read as "no change" on every screen
SKILL_SHOWN = 0.5  # a skill moves slowly; a turn report lists it from half a point up
PREVIEW_SHOWN = 0.5  # expected effects smaller than this are left off a card


class Verdict(StrEnum):
    """Whether a change is good for the player; how it looks is the front-end's business."""

    BETTER = "better"
    WORSE = "worse"
    SAME = "same"


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"


def direction(change: float | None) -> Direction:
    if change is None or abs(change) < NO_CHANGE:
        return Direction.SAME
    return Direction.UP if change > 0 else Direction.DOWN


def verdict(change: float | None, good: str = "higher") -> Verdict:
    """Better or worse for the player, given which way the metric is good ("higher" or "lower")."""
    d = direction(change)
    if d is Direction.SAME:
        return Verdict.SAME
    return Verdict.BETTER if (d is Direction.UP) == (good == "higher") else Verdict.WORSE


VERDICT_WORDS = {Verdict.BETTER: "better for you", Verdict.WORSE: "worse for you", Verdict.SAME: "no change"}
GOOD_WAY = {"higher": "Higher is better.", "lower": "Lower is better."}  # a metric's `good`, said once


def signed(change: float, unit: str = "") -> str:
    """'+1.6', '-9.5k'; a change below the threshold reads '0.0' ('0.0k': money keeps its unit, as the
    'Budget 96.0k' beside it does: 'Budget 0.0' and '▼ -4.0' read as another number, s7 player 3)."""
    return f"0.0{unit}" if abs(change) < NO_CHANGE else f"{change:+.1f}{unit}"


def shown(value: float) -> float:
    """A value as every screen writes it: one decimal."""
    return round(value, 1)


def shown_change(before: float, after: float) -> float:
    """A change as the screens show it: the difference of the two values as written ('32.0 to 33.9' is
    up 1.9, never 2.0), so the three numbers on a line always agree."""
    return round(shown(after) - shown(before), 1)


def tenths_adding_up(amounts: list[float], total: float) -> list[float]:
    """Each amount rounded to one decimal so that, as written, they add up to `total` (itself written
    with one decimal): the amounts that lose most in rounding take the odd tenths (largest remainder)."""
    want = round(total * 10)
    tenths = [round(a * 10) for a in amounts]
    diff = want - sum(tenths)
    step = 1 if diff > 0 else -1
    order = sorted(range(len(amounts)), key=lambda i: -(amounts[i] * 10 - tenths[i]) * step)
    for k in range(abs(diff)):
        if not order:
            break
        tenths[order[k % len(order)]] += step
    return [t / 10 for t in tenths]


def shown_parts(parts: dict[str, float], total: float) -> dict[str, float]:
    """A score's parts as every screen writes them, one decimal each, adding up to the total as written
    (largest remainder): rounded apart, 235.64 + 204.84 + 177.06 + 100 read 717.5 under a total of 717.4
    (a fresh player's finding 12)."""
    keys = list(parts)
    return dict(zip(keys, tenths_adding_up([parts[k] for k in keys], total)))


def change_words(change: float, unit: str = "") -> str:
    """'up 3.2', 'down 0.4k', 'no change'."""
    d = direction(change)
    return "no change" if d is Direction.SAME else f"{d.value} {abs(change):.1f}{unit}"


def joined(names: list[str]) -> str:
    """'Red', 'Red and Blue', 'Red, Blue and Green'."""
    return "".join(name + after for name, after in joined_parts(names))


def joined_parts(names: list[str]) -> list[tuple[str, str]]:
    """Each name with what follows it in `joined`: [('Red', ', '), ('Blue', ' and '), ('Green', '')] (a screen
    that cuts a long name keeps the words between them)."""
    return [(n, ", " if k < len(names) - 2 else " and " if k == len(names) - 2 else "") for k, n in enumerate(names)]


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --- outcomes ---------------------------------------------------------------------------------------
class Outcome(StrEnum):
    WIN = "win"
    LOSS = "loss"
    NEUTRAL = "neutral"
    RUNNING = "running"


OUTCOME_WORDS = {Outcome.WIN: "WIN", Outcome.LOSS: "LOSS", Outcome.NEUTRAL: "SURVIVED", Outcome.RUNNING: "PLAYING"}


def outcome_of(session) -> Outcome:
    ending = session.ending
    return Outcome(ending.kind) if ending is not None else Outcome.RUNNING


# --- kinds of action ----------------------------------------------------------------------------------
CATEGORY_LETTER = {"leadership": "L", "management": "M", "development": "D"}
CATEGORY_TITLE = {c: c.capitalize() for c in CATEGORIES}
CATEGORY_MOVES = {  # what each kind of action moves, for help and briefings
    "leadership": "move people: morale, trust, ownership and growth",
    "management": "move execution: efficiency, cost and predictability",
    "development": "raise your own skills and pay off later",
}

# The leader's own skills: shown beside the company although the scenario keeps them hidden.
SKILLS = SKILL_METRICS
SKILL_TITLE = {"leadership_skill": "Leadership skill", "management_skill": "Management skill"}
SKILL_CATEGORY = {"leadership_skill": "leadership", "management_skill": "management"}


def rewarded(weights) -> str:
    """Which kind a phase rewards: 'leadership', 'management' or 'both equally' (weights: the phase's)."""
    if weights.leadership > weights.management:
        return "leadership"
    if weights.management > weights.leadership:
        return "management"
    return "both equally"


def lean_sentence(weights) -> str:
    """The phase's leaning as the phase screen says it."""
    kind = rewarded(weights)
    if kind == "both equally":
        return "Leadership and management pay the same here."
    return f"{kind.capitalize()} actions pay more here."


def weights_text(weights) -> str:
    """'L 1.5x, M 0.7x': how strong leadership and management actions are in a phase."""
    return f"L {weights.leadership:.1f}x, M {weights.management:.1f}x"


def mood(morale: float) -> str:
    """The team's mood in a word, from morale."""
    return "upbeat" if morale >= 60 else "steady" if morale >= 40 else "unhappy"


# --- causes ---------------------------------------------------------------------------------------------
KIND_WORDS = {
    CauseKind.ACTION: "your action", CauseKind.DELAYED: "arriving now", CauseKind.EVENT: "your answer",
    CauseKind.CRISIS: "crisis", CauseKind.DRIFT: "on its own", CauseKind.NOISE: "luck",
    CauseKind.BOUNDS: "held at its limit", CauseKind.OTHER: "small effects together",
}
IMPERSONAL = (CauseKind.DRIFT, CauseKind.NOISE, CauseKind.BOUNDS, CauseKind.OTHER)


def cause_text(kind: CauseKind, title: str, amount: float, from_turn: int | None = None, unit: str = "") -> str:
    """One cause as it reads in a turn report: 'Share the vision +2.5', 'Share the vision (from turn 1) +0.8',
    'Lost trust (crisis) -2.0', 'Luck -2.0', 'Control the budget +2.0k' (with the metric's unit)."""
    n = f"{amount:+.1f}{unit}"
    if kind in IMPERSONAL:
        return f"{KIND_WORDS[kind].capitalize()} {n}"
    if kind is CauseKind.DELAYED:
        return f"{title} (from turn {from_turn}) {n}"
    if kind is CauseKind.CRISIS:
        return f"{title} (crisis) {n}"
    return f"{title} {n}"


# --- cards ------------------------------------------------------------------------------------------------
def reason_short(u: Unavailable) -> str:
    """An unavailable card's reason in the few words a card face has room for."""
    if u.why is Why.RESTING and u.not_again:
        return "resting until the end"
    if u.why is Why.RESTING:
        return f"resting: back in {plural(u.turns, 'turn')}"
    return u.sentence


def effect_words(title: str, amount: float, difficulty: str, unit: str = "") -> str:
    """An expected effect as the difficulty reveals it: guided 'Morale +4' ('Budget +17k', with the
    metric's unit as everywhere else), standard 'Morale ••'."""
    if difficulty == "guided":
        return f"{title} {amount:+.0f}{unit}"
    return f"{title} {size_dots(amount)}"


def size_dots(amount: float) -> str:
    """An expected effect's size as Standard shows it: under 3 •, under 6 ••, else •••."""
    return '•' * min(3, int(abs(amount) // 3) + 1)


def driver_move_words(name: str, amount: float, difficulty: str) -> str:
    """How one decision moved a hidden driver, in a turn report, as much as the difficulty tells of sizes:
    guided 'ownership +1.2' (its numbers are on the dashboard), standard 'ownership up ••' (a size, as its
    cards give, never the driver's number), expert 'ownership up'."""
    if difficulty == "guided":
        return f"{name} {amount:+.1f}"
    way = "up" if amount > 0 else "down"
    if difficulty == "standard":
        return f"{name} {way} {'•' * (1 + sum(abs(amount) >= d for d in DRIVER_DOTS))}"
    return f"{name} {way}"


DRIVER_DOTS = (1.0, 2.5)  # a turn's move of a driver from one decision: under 1 •, under 2.5 ••, else •••


def later_words(amount: float, later: float, difficulty: str, unit: str = "") -> str:
    """When an expected effect arrives, where part of it comes on later turns: guided ' (later)' or
    ' (+1 this turn, the rest later)', standard ' (later)' or ' (partly later)'; '' when it all comes
    this turn ("Expected: Efficiency +3" gave 0 that turn and read as "this turn": a new player's s4
    finding 11). A tooltip or a dialog adds it to `effect_words`; a narrow table may leave it out."""
    now = amount - later
    if abs(later) < PREVIEW_SHOWN:
        return ""
    if abs(now) < PREVIEW_SHOWN:
        return " (later)"
    return f" ({now:+.0f}{unit} this turn, the rest later)" if difficulty == "guided" else " (partly later)"


EXPECTED_LABEL = {"guided": "Expected", "standard": "Expected size", "expert": None}
# an event's answers show which way each effect goes at every difficulty (answer_effect_words)
ANSWER_LABEL = {"guided": "Expected", "standard": "Expected", "expert": "Expected direction"}


def answer_effect_words(title: str, amount: float, difficulty: str, unit: str = "") -> str:
    """An event answer's expected effect, always with its direction: guided 'Budget +18k', standard
    'Budget up •••' (the size in dots, as cards give it), expert 'Budget down' (no size).

    Cards hide the direction on Standard, and a player learns it from the turn reports, since a card
    comes back every turn. An event comes once and its answers often move one metric in opposite
    directions ('Investors ask for numbers': budget +18k or -8k), so without the direction both read
    'Budget •••' and the answer was a guess (s6 player 2, finding 10)."""
    if difficulty == "guided":
        return effect_words(title, amount, difficulty, unit)
    way = "up" if amount > 0 else "down"
    if difficulty == "standard":
        return f"{title} {way} {size_dots(amount)}"
    return f"{title} {way}"


def action_notes(action) -> list[str]:
    """The rules of an action card in a few words: rest after use, fatigue, delayed part."""
    notes = []
    if action.cooldown:
        notes.append(f"rests {plural(action.cooldown, 'turn')} after use")
    if action.diminishing < 1:
        notes.append("weaker if repeated in a row")
    if action.delayed:
        notes.append("part of the effect arrives later")
    return notes


def cost_text(action) -> str:
    """'1 AP · 4k': a card's price."""
    return f"{action.cost.ap} AP · {action.cost.budget:g}k"


def time_up(event_waiting: bool) -> str:
    """What happens when the turn clock runs out, said when it does."""
    return ("Time is up. No actions this turn" + (" and the first answer to the event" if event_waiting else "")
            + "; the decision is logged as timed out.")


def taken_back(session, dropped: tuple[str, ...] = ()) -> str:
    """Practice mode, in the window: the last turn was undone and its cards are picked again; an event
    answer given meanwhile (`dropped`: the events' titles) is undone with it and asked again."""
    if dropped:  # short: the dashboard's strip has one line for it
        return (f"Turn {session.turn + 1} taken back, and your answer to {' and '.join(repr(t) for t in dropped)}: "
                "it will be asked again")
    return f"Turn {session.turn + 1} taken back: your cards are picked again; change them and end the turn"


# --- the clock ---------------------------------------------------------------------------------------------
def clock_text(seconds: float) -> str:
    """'1:05' (seconds rounded up, so 0:00 means the time is really up)."""
    import math

    s = int(math.ceil(seconds))
    return f"{s // 60}:{s % 60:02d}"


def decision_words(session, decision) -> str:
    """A decision by name: action titles, then the event answer ('Coach one-on-one, answer: Talk to her')."""
    titles = {a.id: a.title for a in session.scenario.actions}
    words = [titles.get(a, a) for a in decision.actions] or ["no action"]
    if decision.choice is not None:
        label = next((c.label for e in session.scenario.events for c in e.choices if c.id == decision.choice),
                     decision.choice)
        words.append(f"answer: {label}")
    return ", ".join(words)


def possessive(name: str) -> str:
    """'Green Team's', 'Red Foxes'': a name ending in s takes just the apostrophe (a trainer read 'Red Foxes's',
    s6 trainer 2, finding 12)."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"
