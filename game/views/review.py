"""What the debrief says about the game review: par, evaluation line, costliest turns, drivers, insights.

Plain data and the game's words, computed once from a session and its review
(game/analysis/review.py) and drawn by every front-end: the terminal's end of
game, the window's review screen, reports. Nothing here draws or prints.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..analysis.review import COSTLY_APART, LABEL_HELP, LABELS, Moment, Review, TurnReview, best_line_takes, same_decision
from ..model.scoring import SCALE, positions
from ..scenario.defaults import SKILL_METRICS
from ..scenario.schema import CATEGORIES
from ..session import Decision, DecisionError, Session
from . import goal, words
from .words import VERDICT_WORDS, Verdict, decision_words  # noqa: F401 (decision_words: used here and re-exported)
from .debrief import PhaseMix, phase_mix

COSTLY_FROM = LABELS[-2][1]  # the points from which a turn is not "good": the costliest turns start there
NOTICEABLE = 0.02  # a difference under 2% of a metric's scale is not worth a sentence
POINTS_SHOWN = 1.5  # score points: a metric's share of a better line's gain is named from here
GAINS_SHOWN = 2  # the metrics that added most to a better line's score, named first


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
        if self.past_cap == 2 and self.better:
            return f"past {self.cap}, where it no longer adds to the score"
        judged = VERDICT_WORDS[Verdict.BETTER if self.better else Verdict.WORSE]
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

    @property
    def strong_words(self) -> str:
        """What strong play itself chose at this turn: 'the same as yours', 'the better decision', or its
        actions with its score. A player read 'better: no course' on a turn where strong play took the very
        course too, and could not tell what the review wanted (s6 finding 3)."""
        if self.strong_is_yours:
            return "the same as yours"
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
        same = " (strong play chose the same)" if self.strong_is_yours else ""
        if self.first == self.last:
            return f"Turn {self.turn}: {self.loss:.0f} points lost{same}"
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
class LineMove:
    """One turn's move of the evaluation line (analysis.review.EvalMove)."""

    turn: int
    change: float  # the evaluation after the turn minus before it
    rest: float  # what moved it besides the turn's loss: zero, since every line tried has the same luck
    loss: float = 0.0  # the turn's loss against the best decision found (what the turn's label counts)


MOVE_SHOWN = 0.5  # points: smaller moves of the evaluation line are not named


OWN_PLAY_NOTE = ("Where your own later play did better than strong play would have from a turn on, that turn "
                 "is valued by your own result: no decision is charged for a win that strong play, not you, "
                 "would have let slip.")

# What the evaluation line is, said once: its panel, its text heading and the note under it say these words.
REACH = "within reach"
LINE_MEANS = f"the best final score still {REACH} after each turn"


def fall_words(move: LineMove) -> str:
    """A turn's fall of the line, which is the turn's loss: 'by 116.3 points (the points turn 8 lost)'. The line
    used to fall by your decision against strong play's own choice while the loss counted against the best
    found, and 'Turn 8: 116.6 points lost; expected final score 579.9 (-14.9)' gave two sizes for one turn
    (s6 player 2 finding 2)."""
    return f"by {-move.change:.1f} points (the points turn {move.turn} lost)"


def moves_note(moves: tuple[LineMove, ...], own_play: bool = False, start: float | None = None,
               par: float | None = None, score: float | None = None) -> str:
    """What the evaluation line is and how it moves, from this game's replay: the rule, that its falls are the
    turns' losses and add up to its start minus the score, the largest fall, and (never so far) any move that
    no loss explains."""
    if not moves:
        return ""
    text = (f"How to read the line: after each turn it is the best final score the review found still {REACH} "
            "from there, on the same luck: your decisions up to a later turn, the best decision found there, "
            "then strong play (or your own later play, where that did better). So it falls at a turn by "
            "exactly the points that turn lost, and never rises.")
    if start is not None and score is not None:
        versus = f"; par {par:.1f}, strong play's own game" if par is not None else ""
        text += (f" The turns' points lost add up to its start ({start:.1f}, the best found from turn 1{versus}) "
                 f"minus your score ({score:.1f}).")
    if own_play:
        text += " " + OWN_PLAY_NOTE
    fall = min(moves, key=lambda m: (m.change, m.turn))
    if fall.change <= -MOVE_SHOWN:
        text += f" It fell most at turn {fall.turn}, {fall_words(fall)}."
    else:
        text += " It never fell by as much as half a point: every decision was as good as the best one found."
    other = [m for m in moves if abs(m.rest) >= MOVE_SHOWN / 10]  # a move that the turn's loss does not explain
    if other:
        text += " " + "; ".join(f"At turn {m.turn} it also moved {m.rest:+.1f} that no loss explains"
                                for m in other) + "."
    return text


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
    mix: tuple[PhaseMix, ...] = ()  # the mix per phase against strong play's, as the debrief judges it
    moves: tuple[LineMove, ...] = ()  # why the evaluation line moved at each turn
    own_play: bool = False  # some turn is valued by the player's own later play (analysis.review.TurnReview)
    label_help: str = LABEL_HELP

    @property
    def count_words(self) -> tuple[tuple[str, str], ...]:
        """(label, '9 inaccuracies'): each label's count in words ('9 inaccuracy' read as a typo)."""
        return tuple((label, count_words(label, n)) for label, n in self.counts)
    costly_turns: int = 0  # turns that lost COSTLY_FROM points or more (the costliest are some of them)
    turns: tuple["TurnRow", ...] = ()  # every turn: the decision against the best one found
    costly: tuple[CostlyTurn, ...] = ()  # every costly moment, costliest first (`costliest` are the distinct top 3)

    @property
    def costliest_title(self) -> str:
        """Said wherever the costliest turns are listed: how many of the costly turns they are, and why a
        turn next to one of them, which lost as much, is missing."""
        shown = len(self.costliest)
        if not shown:
            return f"The costliest turns (no turn lost {COSTLY_FROM:g} points or more)"
        n = self.costly_turns
        if n > shown:
            which = (f"the costliest of the {turns_words(n)}" if shown == 1 else
                     f"the {number_words(shown)} costliest of the {turns_words(n)}")
        else:
            which = "the one turn" if shown == 1 else "both turns" if shown == 2 else f"all {turns_words(shown)}"
        return (f"The costliest turns ({which} that lost {COSTLY_FROM:g} points or more; shown turns are at "
                f"least {COSTLY_APART} turns apart, so each is its own moment)")

    @property
    def costly_title(self) -> str:
        """The heading of every costly turn listed (the window's list, which shows them all)."""
        if not self.costly:
            return f"The costliest turns (no turn lost {COSTLY_FROM:g} points or more)"
        n = self.costly_turns
        count = "the one turn" if n == 1 else "both turns" if n == 2 else f"all {turns_words(n)}"
        return f"The costliest turns: {count} that lost {COSTLY_FROM:g} points or more, costliest first"

    @property
    def others_words(self) -> str:
        """The costly turns not among `costliest`, for a front-end that shows only those: 'Also 5 points or
        more: turn 1 (8 points) and turn 3 (7 points); every turn is in the turn-by-turn list.' ('' if none)."""
        shown = {c.turn for c in self.costliest}
        rest = [c for c in self.costly if c.turn not in shown]
        if not rest:
            return ""
        listed = words.joined([f"{c.turns_text.lower()} ({c.loss:.0f} points)" for c in rest])
        return f"Also {COSTLY_FROM:g} points or more: {listed}."

    @property
    def scale(self) -> tuple[float, float]:
        """The evaluation line's bounds for text front-ends (the par within them)."""
        return evaluation_scale(list(self.evaluation) + [self.par])

    @property
    def evaluation_text(self) -> tuple[str, str]:
        """The evaluation line for text, with its scale: a heading and the line itself."""
        lo, hi = self.scale
        ev = self.evaluation
        return (f"Evaluation line: {LINE_MEANS} (scale {SPARKS[0]} {lo:.0f} "
                f"to {SPARKS[-1]} {hi:.0f}; par {self.par:.0f})",
                f"  start {ev[0]:.0f} {spark(ev, lo, hi)} end {ev[-1]:.0f}")

    @property
    def evaluation_note(self) -> str:
        """Why the evaluation line moves, computed from this game's replay."""
        return moves_note(self.moves, self.own_play, self.evaluation[0], self.par, self.score)

    @property
    def headline(self) -> str:
        gap = self.par - self.score
        word = "final score" if self.finished else "score so far"
        if gap <= 0.5:
            return f"Your {word} {self.score:.0f} matches or beats the par of {self.par:.0f}: strong play."
        return (f"Your {word} {self.score:.0f} against a par of {self.par:.0f} (the strong bot on the same "
                f"seed): {gap:.0f} points to find.")


SPARKS = "▁▂▃▄▅▆▇█"
EVAL_MIN_SPAN = 50.0  # points: a drop of 18 points out of 1000 must not fill the whole height of the line


def spark(values, lo: float | None = None, hi: float | None = None) -> str:
    """A series as one line of block characters, for text front-ends (terminal, plain reports)."""
    values = list(values)
    lo = min(values) if lo is None else lo
    hi = max(values) if hi is None else hi
    span = (hi - lo) or 1.0
    return "".join(SPARKS[max(0, min(len(SPARKS) - 1, int((v - lo) / span * len(SPARKS))))] for v in values)


def evaluation_scale(values, least: float = EVAL_MIN_SPAN, step: float = 10.0) -> tuple[float, float]:
    """Round bounds around the values, at least `least` points apart (widened evenly), for a text line."""
    lo, hi = min(values), max(values)
    extra = max(0.0, least - (hi - lo)) / 2
    lo, hi = np.floor((lo - extra) / step) * step, np.ceil((hi + extra) / step) * step
    return float(lo), float(hi)


@dataclass(frozen=True)
class Line:
    """One line of the review for a text front-end: its words and what kind of line it is."""

    text: str
    kind: str = "text"  # "head" (bold), "heading" (bold), "text", "note" (dim)


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_words(n: int) -> str:
    """'three' for 3 (up to ten, then digits): small counts inside a sentence read as words."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def turns_words(n: int) -> str:
    """'one turn', 'three turns', '12 turns'."""
    return f"{number_words(n)} turn{'' if n == 1 else 's'}"


PLURAL = {"good": "good", "inaccuracy": "inaccuracies", "mistake": "mistakes", "blunder": "blunders"}


def count_words(label: str, n: int) -> str:
    """'1 mistake', '2 mistakes', '13 good': a review label counted."""
    return f"{n} {label if n == 1 else PLURAL.get(label, label)}"


def text_lines(view: "ReviewView") -> list[Line]:
    """The review for text front-ends (the terminal's end of game, `leadsim review`): the same sentences the
    window shows, one line each, so no text front-end drops the reasons."""
    out = [Line(view.headline, "head"), *(Line(t) for t in view.evaluation_text),
           *([Line(view.evaluation_note, "note")] if view.evaluation_note else []),
           Line("Your decisions: " + ", ".join(words for _, words in view.count_words))]
    if view.costliest:
        out.append(Line(f"{view.costliest_title}:", "heading"))
        out.append(Line(BETTER_NOTE, "note"))
        out.append(Line(SAME_LUCK_NOTE, "note"))
        for c in view.costliest:
            out += [Line(f"• {c.title}"), Line(f"    better: {c.better}"),
                    *([Line(f"    strong play chose: {c.strong_words}")] if c.strong else []),
                    Line(f"    you chose: {c.chosen}"), Line(f"    {c.numbers}"),
                    *([Line(f"    {c.later_words}")] if c.later_words else []),
                    Line(f"    it would have changed: {c.changes}")]
        if view.others_words:
            out.append(Line(view.others_words))
    else:
        out.append(Line(NO_COSTLY_TURN))
    if view.drivers:
        out.append(Line("Hidden drivers over the game (yours, then the strong bot's on the same seed):", "heading"))
        width = max(len(d.title) for d in view.drivers)
        for d in view.drivers:
            lo, hi = min(d.values + d.par) - 1, max(d.values + d.par) + 1
            for who, series, name in (("you", d.values, d.title), ("bot", d.par, "")):
                out.append(Line(f"  {name:<{width}}  {who} {spark(series, lo, hi)} {series[0]:.0f} to {series[-1]:.0f}"))
    out.append(Line("What this game shows:", "heading"))
    out += [Line(f"• {n}") for n in view.insights]
    out.append(Line(view.label_help[0].upper() + view.label_help[1:] + ".", "note"))
    return out


# said wherever better decisions are listed: a rested card named "better" on many turns in a row read as
# advice nobody could follow (a new player's s5 finding 6)
BETTER_NOTE = ("Each turn's better decision is judged from the game as you actually played it up to that turn, "
               "with strong play after it; so the same card (a course that rests after use, say) can be the "
               "better move on many turns in a row, each time as one step from that turn, not a plan to repeat.")

# Said under every list of a turn's points lost (the report's and the slides' costly turns): a trainer could not
# defend "Turn 4: 1 team lost 505 points" for a team that scored 83 in all (s6 trainer 2, finding 10).
LOSS_NOTE = ("Points lost can exceed a team's whole score (strong play after the better decision); they include "
             "the loss's penalty where the better decision would have kept the game from being lost.")
LOSS_NOTE_SHORT = ("strong play after it in both cases, so a loss can exceed a team's whole score; a loss avoided "
                   "counts its penalty")  # the slide's LOSS_NOTE, in its opening sentence's brackets

# What "the same luck" promises, said wherever a better decision is offered (player s6 finding 2: after the
# advice, events came a turn later). Every random number is a pure function of the seed, the turn and its
# purpose (model/rng.py), so the dice are the same whatever is decided; but an event fires only while its
# condition holds ("process < 35") and one event comes a turn, so another decision can move an event.
SAME_LUCK_NOTE = ("The same luck means the same dice: each turn's random draws depend only on the seed, the turn "
                  "and what they are for, never on your decisions. An event still needs its condition to hold "
                  "(say, process maturity under 35), and only one event comes a turn, so a different decision "
                  "can bring an event earlier, later or not at all.")

# between what made a better decision better and what it cost on the way ('It would have changed: Budget 21k
# higher ...; at a cost: ...'): a better decision can be a trade-off, and the review says so
TRADE_OFF = "at a cost:"
LOST_LATER = "the game scores more before it is lost (the turns after a loss score nothing)"

NO_COSTLY_TURN = f"No turn cost {COSTLY_FROM:g} points or more against the best decision found."


TURNS_HEADING = "Turn by turn: your decision against the best one found"
# the window's review: how to pick a turn on its chart, and where its turn-by-turn list is (below the fold: a
# new player never found it, s6 finding 5)
TURN_HINT = (f"Click a turn on the chart (the numbered marks lost {COSTLY_FROM:g} points or more), or Tab to the "
             "chart and press Left or Right. Every turn is also listed at the end of the text below (End).")
TURN_LIST_NOTE = ("Every turn, with what you chose, the better decision and strong play's own, is listed at the "
                  "end of this text: press End, or pick a turn on the chart.")
SAME_AS_BEST = "yours was the best found"
STRONG_SAME = "the same as yours"
STRONG_BETTER = "the better decision"
# `leadsim review`'s table of every turn, and the labels of its list layout (a narrow terminal)
TURN_COLUMNS = ("Turn", "You chose", "Lost", "Label", "Better", "Strong play chose", "Reach before", "Reach after")
TURN_LIST_LABELS = ("you chose:", "better:", "strong play chose:")


@dataclass(frozen=True)
class TurnRow:
    """One turn of the review: what the player chose, the best decision found, what it cost, and the
    evaluation line after it (for `leadsim review`'s table and the window's turn-by-turn list)."""

    turn: int
    chosen: str
    better: str  # "" when the player's decision was the best one found
    loss: float
    label: str
    eval: float  # the evaluation after this turn: the best final score still within reach
    move: float  # the evaluation line's move at this turn (minus the loss: the line falls by the turn's loss)
    strong: str = ""  # strong play's own decision at this turn ("" when it is yours)
    strong_is_better: bool = False  # the better decision is strong play's own

    @property
    def strong_text(self) -> str:
        """Strong play's own choice, 'the same as yours' (a loss then is strong play's too) or 'the better
        decision'."""
        return STRONG_SAME if not self.strong else STRONG_BETTER if self.strong_is_better else self.strong

    @property
    def before(self) -> float:
        """The evaluation before this turn: the best final score found at it."""
        return self.eval - self.move

    @property
    def numbers(self) -> str:
        """'Turn 8: blunder, 116.3 points lost (within reach: 696.5 before it, 580.2 after it)': the loss and the
        evaluation line's two points it lies between, which differ by exactly the loss. 'Turn 8: 116.6 points
        lost; expected final score 579.9 (-14.9)' gave two sizes for one turn (s6 player 2 finding 2)."""
        same = " (strong play chose the same)" if not self.strong and self.label != "good" else ""
        if self.loss < 0.05:
            return f"Turn {self.turn}: {self.label}, nothing lost{same} ({self.eval:.1f} still {REACH})"
        return (f"Turn {self.turn}: {self.label}, {self.loss:.1f} points lost{same} ({REACH}: {self.before:.1f} "
                f"before it, {self.eval:.1f} after it)")


def turn_rows(session: Session, review: Review) -> tuple[TurnRow, ...]:
    return tuple(TurnRow(tr.turn, decision_words(session, tr.chosen),
                         "" if tr.best == tr.chosen else decision_words(session, tr.best),
                         tr.loss, tr.label, tr.chosen_value, move.change,
                         "" if move.same_as_strong or tr.strong is None else decision_words(session, tr.strong),
                         tr.best != tr.chosen and same_decision(tr.strong, tr.best))
                 for tr, move in zip(review.turns, review.moves()))


def review_view(session: Session, review: Review) -> ReviewView:
    marks = tuple(TurnMark(t.turn, t.label, t.loss) for t in review.turns)
    moments = review.moments()
    costly = {m.key.turn: costly_turn(session, review, m) for m in moments}
    counts = tuple((name, sum(m.label == name for m in marks)) for name, _ in reversed(LABELS))
    return ReviewView(
        score=review.score, par=review.par, finished=review.finished, bot=review.bot,
        evaluation=tuple(review.evaluation), marks=marks, counts=counts,
        costliest=tuple(costly[m.key.turn] for m in review.costliest(3)),
        costly=tuple(costly[m.key.turn] for m in sorted(moments, key=lambda m: (-m.loss, m.first))),
        drivers=tuple(driver_series(session, review)),
        insights=tuple(insights(session, review)), mix=tuple(phase_mix(session, search=True)),
        moves=tuple(LineMove(m.turn, m.change, m.rest, t.loss) for m, t in zip(review.moves(), review.turns)),
        own_play=any(t.own_play for t in review.turns),
        costly_turns=sum(t.loss >= COSTLY_FROM for t in review.turns), turns=turn_rows(session, review))


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
    return CostlyTurn(tr.turn, decision_words(session, tr.chosen), decision_words(session, tr.best), tr.loss,
                      tr.chosen_value, tr.best_value, title(tr.chosen_ending), title(tr.best_ending),
                      _widest(session, changes, False), _widest(session, changes, True),
                      review.score, review.finished, moment.first, moment.last, lost_by, tr.own_play,
                      strong, tr.strong_value, same_decision(tr.strong, tr.chosen), same_decision(tr.strong, tr.best),
                      later, gains, tr.kept_to, tr.then_best,
                      all(0 <= e < len(endings) and endings[e].kind == "loss" for e in (tr.chosen_ending, tr.best_ending)))


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
        caused = answer_effects(session, report.turn, event)
        tr = by_turn.get(report.turn)
        verdict = ""
        if tr is not None and tr.best.choice not in (None, d.choice):
            better = next((c.label for c in event.choices if c.id == tr.best.choice), tr.best.choice)
            verdict = f" The best decision found for that turn answers '{better}'."
        elif tr is not None:
            verdict = " That answer is part of the best decision found for that turn."
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
