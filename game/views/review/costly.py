"""The costliest turns of a review: what each cost, strong play's own choice beside the better one, and what
the better decision would have changed (what made it better first, then what it cost on the way)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...analysis.review import LABELS, Moment, Review, TurnReview, best_line_takes, practice_outcome, same_decision
from ...model.scoring import SCALE, positions
from ...scenario.defaults import SKILL_METRICS
from ...session import Session
from .. import goal, words
from ..words import VERDICT_WORDS, Verdict, decision_words

COSTLY_FROM = LABELS[-2][1]  # the points from which a turn is not "good": the costliest turns start there
NOTICEABLE = 0.02  # a difference under 2% of a metric's scale is not worth a sentence
POINTS_SHOWN = 1.5  # score points: a metric's share of a better line's gain is named from here
GAINS_SHOWN = 2  # the metrics that added most to a better line's score, named first
# strong play's own choice at a turn where it is yours, or the better decision (costly turns and the turn list)
STRONG_SAME = "the same as yours"
STRONG_BETTER = "the better decision"
# where strong play chose yours and the review found better: why a loss still counts, in a few words ('inaccuracy
# ... (strong play chose the same)' read as a contradiction, s7 player 3, finding 3)
STRONG_SAME_BEATEN = "the same as yours (of the decisions open here the review tried, the one to do instead did better)"
# between what made a better decision better and what it cost on the way ('It would have changed: Budget 21k
# higher ...; at a cost: ...'): a better decision can be a trade-off, and the review says so
TRADE_OFF = "at a cost:"
LOST_LATER = "the game scores more before it is lost (the turns after a loss score nothing)"


@dataclass(frozen=True)
class Change:
    """How one metric would have differed on the better line, at the turn the gap was widest."""

    metric: str
    title: str
    hidden: bool
    amount: float  # better line minus the player's line (in the metric's own units)
    better: bool  # whether that difference is good for the player
    by_turn: int  # the game turn after which the gap was widest
    unit: str = ""  # the metric's unit ("k")
    points: float = 0.0  # what the difference added to the final score over the rest of the game (better line
    #                      minus yours, in score points): 0 for a metric the score does not count
    cap: str = ""  # the score's limit on this metric (score: enough) in words ('100k'), '' when it has none
    past_cap: int = 0  # how many of the two lines were at or past that limit at by_turn (0, 1 or 2)

    @property
    def words(self) -> str:
        kind = "the hidden driver " if self.hidden else ""
        way = "higher" if self.amount > 0 else "lower"
        return f"{kind}{self.title} {abs(self.amount):.0f}{self.unit} {way} by turn {self.by_turn} ({self.judged})"

    @property
    def judged(self) -> str:
        """Which way, whether that is a gain ('management skill 15 lower' read as a gain, s5 finding 6), and
        what it added to the score; past the score's limit on the metric, that it adds nothing there (scale-up
        counts budget up to 100k; 'Budget 20k higher (better for you)' at 130k read as a gain, s6 player 2)."""
        earned = abs(self.points) >= POINTS_SHOWN and self.points > 0
        if self.past_cap == 2 and self.better and not earned:
            return f"past {self.cap}, where it no longer adds to the score"
        judged = VERDICT_WORDS[Verdict.BETTER if self.better else Verdict.WORSE]
        if self.past_cap == 2 and self.better:  # both past the limit now, but the gap added points before
            n = round(self.points)  # (scale-up seed 4: 'Budget 11k higher by turn 28' had added 3 points)
            return (f"{judged}: about {n} point{'' if n == 1 else 's'} more in the score, added before both "
                    f"games passed {self.cap}, where it no longer adds")
        if self.past_cap == 1 and self.better:
            judged += f", though the score counts it only up to {self.cap}"
        if abs(self.points) >= POINTS_SHOWN and (self.points > 0) == self.better:  # said where the two agree
            n = round(abs(self.points))
            judged += f": about {n} point{'' if n == 1 else 's'} {'more' if self.points > 0 else 'less'} in the score"
        return judged


@dataclass(frozen=True)
class CostlyTurn:
    """One of the costliest moments: a turn, or neighbouring turns that each lost the same ending (then the
    numbers and the better decision are those of the costliest of them)."""

    turn: int  # the costliest turn of the moment
    chosen: str  # decision words
    better: str
    loss: float
    chosen_value: float  # the final score with your decision and strong play after it (same luck)
    best_value: float  # the same with the better decision
    chosen_ending: str | None  # ending titles the two lines reach (None if the game had not ended)
    better_ending: str | None
    metric: Change | None  # the visible metric that differed most
    driver: Change | None  # the hidden driver that differed most
    final_score: float = 0.0  # the score your own play actually reached (so far, if unfinished)
    finished: bool = True
    first: int = 0  # the moment's first and last turns (both `turn` for a single turn)
    last: int = 0
    lost_by: str = ""  # which part of the better line's ending your line missed, in words
    own_play: bool = False  # "yours" is your own play after the decision (it beat strong play after it)
    strong: str = ""  # strong play's own decision at this turn, in words ("" when not known)
    strong_value: float = float("nan")  # the final score with it (same luck, strong play after it)
    strong_is_yours: bool = False  # you took strong play's own decision
    strong_is_better: bool = False  # the better decision is strong play's own
    later: tuple[tuple[str, int | None], ...] = ()  # (action title, the turn the better line takes it, or None)
    #   for each development action of yours the better decision leaves out (skills pay later: 'better: no
    #   course' read as 'do not develop', s6 finding 3)
    gains: tuple[Change, ...] = ()  # the metrics that added most to the better line's score, most first: what
    #   made it better ('It would have changed' listed only a lower skill and a higher stress, s6 player 2 3)
    kept_to: int = 0  # yours is valued with your own decisions to this turn (0: only this turn's), then
    then_best: bool = False  # the better decision found at the turn after kept_to (else strong play)
    lost_both: bool = False  # both lines end in a loss (its score is then not split by metric: the turns after
    #                          an early loss score nothing)
    practice_value: float = float("nan")  # the better decision, then your own later decisions again (strong
    #                                       play's where one is not open): what a practice repeating them gets
    practice_swapped: int = 0  # how many of your later decisions were not open on that line
    practice_blocked: tuple[tuple[int, str], ...] = ()  # each such turn, with the game's reason ('resting')

    @property
    def strong_words(self) -> str:
        """What strong play itself chose at this turn: 'the same as yours', 'the better decision', or its
        actions with its score. A player read 'better: no course' on a turn where strong play took the very
        course too, and could not tell what the review wanted (s6 finding 3)."""
        if self.strong_is_yours:
            return STRONG_SAME_BEATEN
        if self.strong_is_better:
            return STRONG_BETTER
        return f"{self.strong} (it reaches {self.strong_value:.0f})"

    @property
    def later_words(self) -> str:
        """What the better line does with the actions of yours it leaves out: 'After the better decision,
        strong play takes Leadership course on turn 2: the better decision puts it off, it does not drop it.'
        '' when it leaves none out."""
        if not self.later:
            return ""
        taken = [(a, t) for a, t in self.later if t is not None]
        never = [a for a, t in self.later if t is None]
        text = "After the better decision, strong play"
        if taken:
            them = "it" if len(taken) == 1 else "them"
            text += (f" takes {words.joined([f'{a} on turn {t}' for a, t in taken])} (the better decision puts "
                     f"{them} off, it does not drop {them})")
        if never:
            either = never[0] if len(never) == 1 else ", ".join(never[:-1]) + " or " + never[-1]
            text += f"{' and' if taken else ''} never takes {either} in the rest of the game"
        return text + "."

    @property
    def turns_text(self) -> str:
        return f"Turn {self.turn}" if self.first == self.last else f"Turns {self.first} to {self.last}"

    @property
    def title(self) -> str:
        """'Turn 6: 11 points lost', or for a run of turns that each lost the same ending
        'Turns 20 to 22: each lost 'A thriving company' (102 points at turn 20)'."""
        if self.first == self.last:
            return f"Turn {self.turn}: {self.loss:.0f} points lost"
        return (f"Turns {self.first} to {self.last}: each could still have ended '{self.better_ending}' instead of "
                f"'{self.chosen_ending}' ({self.loss:.0f} points at turn {self.turn})")

    @property
    def numbers(self) -> str:
        """What the scores are, so they read against the score the player really got: one sentence of one
        form on every turn (two forms read as two different measures, s6 finding 5), with strong play's own
        choice between the better decision and yours when it is neither."""
        better = "the better decision (strong play's own choice)" if self.strong_is_better else "the better decision"
        strong = ""
        if self.strong and not (self.strong_is_better or self.strong_is_yours):
            strong = f", strong play's own choice {self.strong_value:.0f}"
        yours = " (strong play's own choice too)" if self.strong_is_yours else ""
        if self.own_play:  # strong play after your decision did worse than you did: yours is your own result
            yours += " (valued by your own play after it, which did better than strong play would have)"
        yours += self.valued_words
        mine = "finished at" if self.finished else "stands at"
        return (f"With strong play after turn {self.turn} on the same luck, {better} reaches "
                f"{self.best_value:.0f}{strong} and yours {self.chosen_value:.0f}{yours}; your own play {mine} "
                f"{self.final_score:.0f}.")

    @property
    def valued_words(self) -> str:
        """How yours is valued when a later decision, not strong play right after it, does best after it: the
        review tries every decision of the next turn too, and strong play after a turn can miss a win that a
        better next decision still reaches (s6 player 2 finding 2). '' when strong play right after it."""
        if self.then_best and self.kept_to > self.turn:
            return (f" (with your own decisions to turn {self.kept_to}, then the better decision found at turn "
                    f"{self.kept_to + 1} and strong play)")
        if self.then_best:
            return f" (with the better decision found at turn {self.turn + 1} after it, then strong play)"
        if self.kept_to > self.turn:
            return f" (with your own decisions to turn {self.kept_to}, then strong play)"
        return ""

    @property
    def practice_words(self) -> str:
        """What a practice from this turn gets, which is all the review can promise there: the practice plays
        your own later moves, not strong play's. A player followed the better decision and got +1.3 where the
        review said 13 points were lost, and felt cheated (s7 player 3, finding 4). '' when not known."""
        if self.practice_value != self.practice_value:  # nan
            return ""
        blocked = self.practice_blocked or tuple((0, "") for _ in range(self.practice_swapped))
        return (promise_words(self.turn, self.practice_value, self.final_score, self.finished, blocked)
                + f" The {self.loss:.1f} points lost need strong play's later moves too.")

    @property
    def changes(self) -> str:
        """What the better decision would have changed, what made it better first: the ending (and why), the
        metrics that added most to its score; then, as the trade-off, what got worse on the way. A list of
        only the worse effects left a player asking why the decision was better (s6 player 2 finding 3)."""
        good: list[str] = []
        if self.better_ending and self.better_ending != self.chosen_ending:
            why = f" ({self.lost_by})" if self.lost_by else ""
            good.append(f"the game ends '{self.better_ending}' instead of '{self.chosen_ending}'{why}")
        named = {c.metric for c in self.gains}
        good += [c.words for c in self.gains]
        rest = [c for c in (self.metric, self.driver) if c is not None and c.metric not in named]
        good += [c.words for c in rest if c.better]
        bad = [c.words for c in rest if not c.better]
        if not good and self.lost_both:
            good.append(LOST_LATER)
        elif not good:
            good.append("small gains spread over many metrics, none large on its own")
        if not bad:
            return "; ".join(good) + "."
        return "; ".join(good) + f"; {TRADE_OFF} " + "; ".join(bad) + "."

    @property
    def sentence(self) -> str:
        return f"{self.turns_text}: {self.better} instead of {self.chosen}: {self.numbers} It would have changed: {self.changes}"


def promise_words(turn: int, value: float, final: float, finished: bool,
                  blocked: tuple[tuple[int, str], ...] = ()) -> str:
    """What a practice from `turn` gets with the better decision there and the player's own later decisions
    again (analysis.review.practice_outcome), and each later turn whose decision that game does not allow,
    named with the game's reason. On every turn the review offers to practise: a player practised the turn the
    line 'fell most' at, with no figure, and scored 3.9 fewer than the original (s7 player 4, finding 1)."""
    diff = value - final
    yours = "your score" if finished else "your score so far"
    than = (f"the same as {yours}" if abs(diff) < 0.05 else
            f"{abs(diff):.1f} {'more' if diff > 0 else 'less'} than {yours} ({final:.1f})")
    text = (f"Practise turn {turn} with the decision to do instead and repeat your later decisions: {value:.1f}, "
            f"{than}.")
    named = [(t, why) for t, why in blocked if t]
    if named:
        turns = words.joined([str(t) for t, _ in named])
        whys = "; ".join(f"turn {t}: {why}" for t, why in named)
        text += (f" Warning: the decision to do instead makes your decision of turn{'s' if len(named) > 1 else ''} "
                 f"{turns} impossible there ({whys}); strong play's is counted instead.")
    elif blocked:
        n = len(blocked)
        text += (f" {n} of your later decisions {'were' if n > 1 else 'was'} not open there: strong play's "
                 "counted instead.")
    return text


def turn_promise(session: Session, review: Review, turn: int) -> str:
    """promise_words for any turn the player may pick to practise; '' where their decision was the best found
    (a practice there has no better decision to take)."""
    tr = review.turns[turn - 1]
    if same_decision(tr.best, tr.chosen):
        return ""
    value, blocked = practice_outcome(session, review, turn)
    return promise_words(turn, value, review.score, review.finished, blocked)


# --- a turn's action points left unused ------------------------------------------------

def unused_points(session: Session, decision) -> int:
    """The action points a decision left unused."""
    rules = session.rules
    spent = sum(int(rules.cost_ap[rules.actions.index(a)]) for a in decision.actions if a in rules.actions)
    return max(0, int(rules.action_points) - spent)


def chosen_words(session: Session, decision) -> str:
    """What the player chose, and the action points it left unused: 'no action (3 action points unused)'. Two
    empty turns read 'you chose: no action' beside 'good, 1.1 points lost', and a player concluded nothing
    mattered in the second half (s7 player 3, finding 2)."""
    n = unused_points(session, decision)
    text = decision_words(session, decision)
    return text + (f" ({n} action point{'' if n == 1 else 's'} unused)" if n else "")


# --- what a better decision would have changed ----------------------------------------

def metric_points(session: Session, tr: TurnReview) -> np.ndarray | None:
    """(M,) what each metric added to the better line's final score over the player's line, in score points:
    each turn adds every score metric's position on its scale, capped at its `score: enough` (as the model
    scores, model/scoring.py), over the turns from this one on. The two lines' paths start at the start of
    the turn; the rows after it are the metrics at the end of each turn, which the score adds up. None when
    a line was lost (it may have ended early, and the turns after an early ending score nothing, which its
    path, staying where it ended, does not show)."""
    rules = session.rules
    if any(0 <= e < len(rules.endings) and rules.endings[e].kind == "loss" for e in (tr.best_ending, tr.chosen_ending)):
        return None
    n = min(len(tr.best_path), len(tr.chosen_path))
    gained = (positions(rules, tr.best_path[1:n]) - positions(rules, tr.chosen_path[1:n])).sum(axis=0)
    w = rules.score_weights
    return SCALE * w * gained / (np.abs(w).sum() * rules.turns)


def _change(session: Session, tr: TurnReview, m: str, k: int, points: float) -> Change:
    """Metric m's difference between the better line and yours after row k of their paths (k - 1 turns after
    the start of tr.turn), with its share of the score's difference and the score's limit on it."""
    rules, scenario = session.rules, session.scenario
    spec, i = scenario.metrics[m], rules.index[m]
    amount = float(tr.best_path[k, i] - tr.chosen_path[k, i])
    cap, past = "", 0
    if m in scenario.score.enough:
        limit = float(scenario.score.enough[m])
        cap = goal.amount(scenario, m, limit)
        past = sum((float(p[k, i]) >= limit - 1e-9) if spec.good == "higher" else (float(p[k, i]) <= limit + 1e-9)
                   for p in (tr.best_path, tr.chosen_path))
    return Change(m, spec.title or m, _hidden(m, spec), amount, amount * rules.good_sign[i] > 0, tr.turn + k - 1,
                  spec.unit, points, cap, past)


def _changes(session: Session, tr: TurnReview) -> tuple[list[Change], tuple[Change, ...]]:
    """(each metric that differed noticeably between the better line and yours, at the turn its gap was
    widest; the metrics that added most to the better line's score, most first, each at the turn its gain
    was widest): the second are what made the better decision better."""
    rules, specs = session.rules, session.scenario.metrics
    n = min(len(tr.best_path), len(tr.chosen_path))
    diff = (tr.best_path[:n] - tr.chosen_path[:n]) / (rules.hi - rules.lo)  # (steps + 1, M), for each scale
    points = metric_points(session, tr)
    widest, gains = [], []
    for m in specs:
        i = rules.index[m]
        got = 0.0 if points is None else float(points[i])
        k = int(np.argmax(np.abs(diff[:, i])))
        if abs(diff[k, i]) >= NOTICEABLE:
            widest.append(_change(session, tr, m, k, got))
        good = diff[:, i] * rules.good_sign[i]
        if got >= POINTS_SHOWN and good.max() > 0:
            gains.append(_change(session, tr, m, int(np.argmax(good)), got))
    return widest, tuple(sorted(gains, key=lambda c: -c.points)[:GAINS_SHOWN])


def _widest(session: Session, changes: list[Change], hidden: bool) -> Change | None:
    """The visible metric (or the hidden driver) whose gap between the two lines was widest for its scale."""
    rules = session.rules
    span = {m: float(rules.hi[i] - rules.lo[i]) for i, m in enumerate(rules.metrics)}
    return max((c for c in changes if c.hidden == hidden), key=lambda c: abs(c.amount) / span[c.metric], default=None)


def _hidden(metric: str, spec) -> bool:
    """A driver the player never sees during play (the leader's skills are shown on the dashboard)."""
    return not spec.visible and metric not in SKILL_METRICS


def costly_turn(session: Session, review: Review, moment: Moment) -> CostlyTurn:
    rules, tr = session.rules, moment.key
    endings = rules.endings

    def title(e: int) -> str | None:
        return endings[e].title if e >= 0 else None

    lost_by = ""
    specs = session.scenario.endings
    if 0 <= tr.best_ending < len(specs) and tr.best_ending != tr.chosen_ending:
        mine, better = (dict(zip(rules.metrics, map(float, p[-1]))) for p in (tr.chosen_path, tr.best_path))
        reasons = []
        if 0 <= tr.chosen_ending < len(specs) and specs[tr.chosen_ending].kind == "loss":  # what ended it first
            why = goal.reached_by(session.scenario, specs[tr.chosen_ending], mine)
            reasons.append(f"with your decision {why}" if why else "")
        reasons.append(goal.lost_by(session.scenario, specs[tr.best_ending], mine, better))
        lost_by = "; ".join(r for r in reasons if r)
    titles = {a.id: a.title for a in session.scenario.actions}
    courses = {a.id for a in session.scenario.actions if a.category == "development"}  # what pays later
    later = tuple((titles.get(a, a), t) for a, t in best_line_takes(session, review, tr.turn) if a in courses)
    strong = decision_words(session, tr.strong) if tr.strong is not None else ""
    changes, gains = _changes(session, tr)
    practised: tuple = (float("nan"), 0, ())
    if not same_decision(tr.best, tr.chosen):
        value, blocked = practice_outcome(session, review, tr.turn)
        practised = (value, len(blocked), blocked)
    return CostlyTurn(tr.turn, chosen_words(session, tr.chosen), decision_words(session, tr.best), tr.loss,
                      tr.chosen_value, tr.best_value, title(tr.chosen_ending), title(tr.best_ending),
                      _widest(session, changes, False), _widest(session, changes, True),
                      review.score, review.finished, moment.first, moment.last, lost_by, tr.own_play,
                      strong, tr.strong_value, same_decision(tr.strong, tr.chosen), same_decision(tr.strong, tr.best),
                      later, gains, tr.kept_to, tr.then_best,
                      all(0 <= e < len(endings) and endings[e].kind == "loss" for e in (tr.chosen_ending, tr.best_ending)),
                      *practised)
