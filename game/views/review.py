"""What the debrief says about the game review: par, evaluation line, costliest turns, drivers, insights.

Plain data and the game's words, computed once from a session and its review
(game/analysis/review.py) and drawn by every front-end: the terminal's end of
game, the window's review screen, reports. Nothing here draws or prints.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..analysis.review import COSTLY_APART, LABEL_HELP, LABELS, Review, TurnReview
from ..scenario.defaults import SKILL_METRICS
from ..scenario.schema import CATEGORIES
from ..session import Decision, Session

NOTICEABLE = 0.02  # a difference under 2% of a metric's scale is not worth a sentence


def decision_words(session: Session, decision: Decision) -> str:
    """A decision by name: action titles, then the event answer ('Coach one-on-one, answer: Talk to her')."""
    titles = {a.id: a.title for a in session.scenario.actions}
    words = [titles.get(a, a) for a in decision.actions] or ["no action"]
    if decision.choice is not None:
        label = next((c.label for e in session.scenario.events for c in e.choices if c.id == decision.choice),
                     decision.choice)
        words.append(f"answer: {label}")
    return ", ".join(words)


@dataclass(frozen=True)
class Change:
    """How one metric would have differed on the better line, at the turn the gap was widest."""

    metric: str
    title: str
    hidden: bool
    amount: float  # better line minus the player's line (in the metric's own units)
    better: bool  # whether that difference is good for the player
    by_turn: int  # the game turn after which the gap was widest

    @property
    def words(self) -> str:
        kind = "the hidden driver " if self.hidden else ""
        way = "higher" if self.amount > 0 else "lower"
        return f"{kind}{self.title} {abs(self.amount):.0f} {way} by turn {self.by_turn}"


@dataclass(frozen=True)
class CostlyTurn:
    turn: int
    chosen: str  # decision words
    better: str
    loss: float
    chosen_value: float
    best_value: float
    chosen_ending: str | None  # ending titles the two lines reach (None if the game had not ended)
    better_ending: str | None
    metric: Change | None  # the visible metric that differed most
    driver: Change | None  # the hidden driver that differed most

    @property
    def title(self) -> str:
        return (f"Turn {self.turn}: {self.loss:.0f} points (the game ends at {self.best_value:.0f} "
                f"instead of {self.chosen_value:.0f})")

    @property
    def changes(self) -> str:
        """What the better decision would have changed: a metric, a hidden driver, the ending."""
        parts = [c.words for c in (self.metric, self.driver) if c is not None]
        if self.better_ending and self.better_ending != self.chosen_ending:
            parts.append(f"the game ends '{self.better_ending}' instead of '{self.chosen_ending}'")
        return ("; ".join(parts) or "small gains spread over many metrics") + "."

    @property
    def sentence(self) -> str:
        return (f"Turn {self.turn}: {self.better} instead of {self.chosen} would have ended at "
                f"{self.best_value:.0f} instead of {self.chosen_value:.0f} ({self.loss:.0f} points): "
                + self.changes)


@dataclass(frozen=True)
class Series:
    metric: str
    title: str
    values: tuple[float, ...]  # at the start of each turn and at the end
    lo: float
    hi: float
    par: tuple[float, ...]  # the strong bot's game on the same seed, for comparison


@dataclass(frozen=True)
class TurnMark:
    turn: int
    label: str
    loss: float


@dataclass(frozen=True)
class ReviewView:
    score: float
    par: float
    finished: bool
    bot: str
    evaluation: tuple[float, ...]  # before turn 1 (the par), then after each turn
    marks: tuple[TurnMark, ...]
    counts: tuple[tuple[str, int], ...]  # (label, how many turns), from good to blunder
    costliest: tuple[CostlyTurn, ...]
    drivers: tuple[Series, ...]  # the hidden drivers over the whole game
    insights: tuple[str, ...]
    label_help: str = LABEL_HELP
    # Said wherever the costliest turns are listed, so a player does not wonder why a turn next to one
    # of them, which lost as much, is missing.
    costliest_title: str = f"The costliest turns (at least {COSTLY_APART} turns apart, so each is its own moment)"

    @property
    def headline(self) -> str:
        gap = self.par - self.score
        word = "final score" if self.finished else "score so far"
        if gap <= 0.5:
            return f"Your {word} {self.score:.0f} matches or beats the par of {self.par:.0f}: strong play."
        return (f"Your {word} {self.score:.0f} against a par of {self.par:.0f} (the strong bot on the same "
                f"seed): {gap:.0f} points to find.")


SPARKS = "▁▂▃▄▅▆▇█"


def spark(values, lo: float | None = None, hi: float | None = None) -> str:
    """A series as one line of block characters, for text front-ends (terminal, plain reports)."""
    values = list(values)
    lo = min(values) if lo is None else lo
    hi = max(values) if hi is None else hi
    span = (hi - lo) or 1.0
    return "".join(SPARKS[max(0, min(len(SPARKS) - 1, int((v - lo) / span * len(SPARKS))))] for v in values)


def review_view(session: Session, review: Review) -> ReviewView:
    marks = tuple(TurnMark(t.turn, t.label, t.loss) for t in review.turns)
    counts = tuple((name, sum(m.label == name for m in marks)) for name, _ in reversed(LABELS))
    return ReviewView(
        score=review.score, par=review.par, finished=review.finished, bot=review.bot,
        evaluation=tuple(review.evaluation), marks=marks, counts=counts,
        costliest=tuple(costly_turn(session, t) for t in review.costliest(3)),
        drivers=tuple(driver_series(session, review)),
        insights=tuple(insights(session, review)))


# --- what a better decision would have changed ----------------------------------------

def _widest(session: Session, tr: TurnReview, hidden: bool) -> Change | None:
    rules = session.rules
    specs = session.scenario.metrics
    n = min(len(tr.best_path), len(tr.chosen_path))
    diff = tr.best_path[:n] - tr.chosen_path[:n]  # (steps + 1, M)
    span = rules.hi - rules.lo
    best = None
    for m, spec in specs.items():
        if _hidden(m, spec) != hidden:
            continue
        i = rules.index[m]
        k = int(np.argmax(np.abs(diff[:, i])))
        size = abs(diff[k, i]) / span[i]
        if size >= NOTICEABLE and (best is None or size > best[0]):
            best = (size, m, i, k)
    if best is None:
        return None
    _, m, i, k = best
    amount = float(diff[k, i])
    return Change(m, specs[m].title or m, hidden, amount, amount * rules.good_sign[i] > 0, tr.turn + k - 1)


def _hidden(metric: str, spec) -> bool:
    """A driver the player never sees during play (the leader's skills are shown on the dashboard)."""
    return not spec.visible and metric not in SKILL_METRICS


def costly_turn(session: Session, tr: TurnReview) -> CostlyTurn:
    endings = session.rules.endings

    def title(e: int) -> str | None:
        return endings[e].title if e >= 0 else None

    return CostlyTurn(tr.turn, decision_words(session, tr.chosen), decision_words(session, tr.best), tr.loss,
                      tr.chosen_value, tr.best_value, title(tr.chosen_ending), title(tr.best_ending),
                      _widest(session, tr, hidden=False), _widest(session, tr, hidden=True))


def driver_series(session: Session, review: Review) -> list[Series]:
    rules, out = session.rules, []
    for m, spec in session.scenario.metrics.items():
        if not _hidden(m, spec):
            continue
        i = rules.index[m]
        out.append(Series(m, spec.title or m, tuple(float(v) for v in review.history[:, i]), spec.min, spec.max,
                          tuple(float(v) for v in review.par_path[:, i])))
    return out


# --- insights from this game ------------------------------------------------------------

def insights(session: Session, review: Review, limit: int = 7) -> list[str]:
    """Observations computed from what happened in this game, most telling first; no sentence every game gets."""
    notes: list[str] = []
    notes += _where_points_went(review)
    notes += _mix_against_strong_play(session, review)
    notes += _event_answers(session, review)
    notes += _crises(session)
    notes += _development(session, review)
    return notes[:limit]


def _where_points_went(review: Review) -> list[str]:
    lost = [t for t in review.turns if t.loss >= LABELS[2][1]]  # inaccuracy or worse
    if not lost:
        return ["Every decision was within a few points of the best one found: no turn cost you much."]
    first, last = lost[0].turn, lost[-1].turn
    worst = max(review.turns, key=lambda t: t.loss)
    span = f"on turn {first}" if first == last else f"from turn {first} to turn {last}"
    return [f"{len(lost)} of your {len(review.turns)} decisions lost 5 points or more, {span}; the "
            f"costliest was turn {worst.turn} ({worst.loss:.0f} points)."]


def _mix_against_strong_play(session: Session, review: Review) -> list[str]:
    mix = session.state.mix[0]
    notes = []
    for p, spec in enumerate(session.scenario.phases):
        mine, bots = mix[p], review.par_mix[p]
        if mine[:2].sum() == 0 and bots[:2].sum() == 0 or p not in session.phase_history:
            continue
        share = mine[0] / mine[:2].sum() if mine[:2].sum() else 0.0
        bot_share = bots[0] / bots[:2].sum() if bots[:2].sum() else 0.0
        w = spec.weights
        rewarded = "leadership" if w.leadership > w.management else "management" \
            if w.management > w.leadership else "both equally"
        if abs(share - bot_share) < 0.15:
            close = "close to"
        else:
            close = "more leadership than" if share > bot_share else "more management than"
        notes.append(f"{spec.title}: {share:.0%} of your leadership and management actions were leadership, "
                     f"{close} the strong bot's {bot_share:.0%} (this phase rewarded {rewarded}: "
                     f"L {w.leadership:.1f}x, M {w.management:.1f}x).")
    return notes


def _event_answers(session: Session, review: Review) -> list[str]:
    notes = []
    by_turn = {t.turn: t for t in review.turns}
    for report in session.reports:
        d = report.decision
        if d.choice is None:
            continue
        event = next((e for e in session.scenario.events for c in e.choices if c.id == d.choice), None)
        if event is None:
            continue
        answer = next(c.label for c in event.choices if c.id == d.choice)
        followed = _what_followed(session, report.turn)
        tr = by_turn.get(report.turn)
        verdict = ""
        if tr is not None and tr.best.choice not in (None, d.choice):
            better = next((c.label for c in event.choices if c.id == tr.best.choice), tr.best.choice)
            verdict = f" The best decision found for that turn answers '{better}'."
        elif tr is not None:
            verdict = " That answer is part of the best decision found for that turn."
        notes.append(f"Turn {report.turn}, '{event.title}': you answered '{answer}'; {followed}.{verdict}")
    return notes


def _what_followed(session: Session, turn: int, window: int = 3) -> str:
    """The metric that moved most (for its scale) in the turns after a decision, in words."""
    h = np.array(session.history)
    end = min(len(h) - 1, turn + window - 1)
    start = turn - 1
    rules = session.rules
    moves = (h[end] - h[start]) / (rules.hi - rules.lo)
    i = int(np.argmax(np.abs(moves)))
    if abs(moves[i]) < NOTICEABLE:
        return "nothing moved much in the turns after"
    m = rules.metrics[i]
    spec = session.scenario.metrics[m]
    kind = "the hidden driver " if _hidden(m, spec) else ""
    turns = "turn" if end - start == 1 else f"{end - start} turns"
    return f"over the next {turns} {kind}{spec.title or m} went from {h[start][i]:.0f} to {h[end][i]:.0f}"


def _crises(session: Session) -> list[str]:
    notes = []
    titles = {c.id: c.title for c in session.scenario.crises}
    for report in session.reports:
        for cid in report.crises_started:
            ended = next((r.turn for r in session.reports if r.turn > report.turn and cid in r.crises_ended), None)
            length = f"lasted until turn {ended}" if ended else "was still on at the end"
            before = _what_came_before(session, report.turn)
            notes.append(f"The crisis '{titles.get(cid, cid)}' began on turn {report.turn} and {length}"
                         + (f"; before it, {before}." if before else "."))
    return notes


def _what_came_before(session: Session, turn: int, window: int = 3) -> str:
    """The metric that got worst (for its scale) in the turns before `turn`, in words; "" if none did much."""
    h = np.array(session.history)
    start = max(0, turn - window)
    rules = session.rules
    worse = -(h[turn] - h[start]) * rules.good_sign / (rules.hi - rules.lo)  # > 0 where it got worse
    i = int(np.argmax(worse))
    if worse[i] < NOTICEABLE:
        return ""
    spec = session.scenario.metrics[rules.metrics[i]]
    return f"{spec.title or rules.metrics[i]} went from {h[start][i]:.0f} to {h[turn][i]:.0f} in {turn - start} turns"


def _development(session: Session, review: Review) -> list[str]:
    mix, bots = session.state.mix[0], review.par_mix
    dev = CATEGORIES.index("development")
    mine, theirs = int(mix[:, dev].sum()), int(bots[:, dev].sum())
    if mine == theirs:
        return []
    return [f"You invested {mine} action points in development, the strong bot {theirs}: skills pay off later, "
            "so early investment shows in the second half."]
