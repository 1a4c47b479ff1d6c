"""What this game shows: observations computed from the reviewed game (where the points went, the mix against
strong play's, what each event answer caused, crises, development), most telling first."""

from __future__ import annotations

import numpy as np

from ...analysis.review import Review
from ...scenario.schema import CATEGORIES
from ...session import Decision, DecisionError, Session
from .. import goal
from ..debrief import phase_mix
from ..words import VERDICT_WORDS, Verdict
from .costly import COSTLY_FROM, NOTICEABLE

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
    lost = [t for t in review.turns if t.loss >= COSTLY_FROM]  # inaccuracy or worse
    if not lost:
        return ["Every decision was within a few points of the best one found: no turn cost you much."]
    first, last = lost[0].turn, lost[-1].turn
    worst = max(review.turns, key=lambda t: t.loss)
    span = f"on turn {first}" if first == last else f"from turn {first} to turn {last}"
    return [f"{len(lost)} of your {len(review.turns)} decisions lost {COSTLY_FROM:g} points or more, {span}; the "
            f"costliest was turn {worst.turn} ({worst.loss:.0f} points)."]


def _mix_against_strong_play(session: Session, review: Review) -> list[str]:
    """The debrief's own sentence per phase (views.debrief.PhaseMix.verdict): one answer to what mix a
    phase rewards, strong play's, on every screen."""
    return [pm.verdict() for pm in phase_mix(session, search=True) if pm.leadership + pm.management]


ANSWER_WINDOW = 3  # turns over which an answer's own effect is followed (its turn and the two after)


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
        tr = by_turn.get(report.turn)
        if tr is not None and tr.best.choice == d.choice:  # nothing to act on: said in one line (s7 player 3, 7)
            notes.append(f"Turn {report.turn}, '{event.title}': you answered '{answer}', as the best decision "
                         "found for that turn does.")
            continue
        caused = answer_effects(session, report.turn, event)
        verdict = ""
        if tr is not None and tr.best.choice is not None:
            better = next((c.label for c in event.choices if c.id == tr.best.choice), tr.best.choice)
            verdict = f" The best decision found for that turn answers '{better}'."
        notes.append(f"Turn {report.turn}, '{event.title}': you answered '{answer}'. {caused}{verdict}")
    return notes


def answer_effects(session: Session, turn: int, event, window: int = ANSWER_WINDOW) -> str:
    """What the answer given at `turn` caused, in words: the same game replayed with each other answer
    (same seed, so the same luck, and the same decisions otherwise) until `window` turns have passed or the
    two games part ways (a later decision that no longer fits), compared metric by metric. Nothing else
    differs between the two games, so every difference is the answer's own doing."""
    mine = session.log[turn - 1]
    parts = []
    for alt in event.choices:
        if alt.id == mine.choice:
            continue
        other = Session(session.loaded, session.seed, session.difficulty)
        reached = turn
        try:
            for t, decision in enumerate(session.log[:turn + window - 1], 1):
                other.decide(Decision(decision.actions, alt.id) if t == turn else decision)
                reached = t
        except DecisionError:
            pass  # from here on the two games are no longer the same apart from the answer
        if reached < turn:
            continue
        diff = session.history[reached] - other.history[reached]
        changed = differences_words(session, diff, judged=True, lines=(session.history[reached], other.history[reached]))
        parts.append(f"against '{alt.label}' it left {changed} by the end of turn {reached}")
    if not parts:
        return ""
    return ("On the same luck and with your other decisions unchanged, " + "; ".join(parts) + ".")


def differences_words(session: Session, diff: np.ndarray, most: int = 2, judged: bool = False,
                      lines: tuple[np.ndarray, np.ndarray] | None = None) -> str:
    """The largest differences (for each metric's scale) in words: 'Trust 3 higher and Stress 4 lower';
    `judged`: each says whether it is better or worse for the player ('Stress 10 higher (worse for you)'),
    as the costliest turns' 'It would have changed' does: a higher stress read as a gain. With `lines` (the
    two games' metrics the difference is between), a difference with both games past the score's limit on the
    metric (score: enough) says it adds nothing to the score there, as Change.judged does."""
    rules, specs = session.rules, session.scenario.metrics
    size = np.abs(diff) / (rules.hi - rules.lo)
    order = [int(i) for i in np.argsort(-size, kind="stable") if size[i] >= NOTICEABLE / 2][:most]
    if not order:
        return "every metric within a point or two of that"
    words = []
    for i in order:
        m = rules.metrics[i]
        unit = specs[m].unit
        way = "higher" if diff[i] > 0 else "lower"
        verdict = Verdict.BETTER if (diff[i] > 0) == (specs[m].good == "higher") else Verdict.WORSE
        said = VERDICT_WORDS[verdict]
        limit = session.scenario.score.enough.get(m)
        if lines is not None and limit is not None and all(
                float(x[i]) >= float(limit) - 1e-9 if specs[m].good == "higher" else float(x[i]) <= float(limit) + 1e-9
                for x in lines):
            said = f"both past {goal.amount(session.scenario, m, float(limit))}, where it no longer adds to the score"
        words.append(f"{specs[m].title or m} {abs(diff[i]):.0f}{unit} {way}" + (f" ({said})" if judged else ""))
    return " and ".join(words)


def _crises(session: Session) -> list[str]:
    notes = []
    titles = {c.id: c.title for c in session.scenario.crises}
    for report in session.reports:
        for cid in report.crises_started:
            ended = next((r.turn for r in session.reports if r.turn > report.turn and cid in r.crises_ended), None)
            length = (f"lasted until turn {ended}" if ended else "began with the last turn, as the game ended"
                      if session.done and report is session.reports[-1] else "was still on at the end")
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
    m = rules.metrics[i]
    return (f"{spec.title or m} went from {goal.amount(session.scenario, m, round(h[start][i]))} to "
            f"{goal.amount(session.scenario, m, round(h[turn][i]))} in {turn - start} turns")


def _development(session: Session, review: Review) -> list[str]:
    mix, bots = session.state.mix[0], review.par_mix
    dev = CATEGORIES.index("development")
    mine, theirs = int(mix[:, dev].sum()), int(bots[:, dev].sum())
    if mine == theirs:
        return []
    return [f"You invested {mine} action points in development, the strong bot {theirs}: skills pay off later, "
            "so early investment shows in the second half."]
