"""The review's turn-by-turn list: every turn's decision against the best one found and strong play's own, with
the evaluation line's two points it lies between (`leadsim review`'s table and list, the window's list)."""

from __future__ import annotations

from dataclasses import dataclass

from ...analysis.review import Review, same_decision
from ...session import Session
from .. import words
from ..words import decision_words
from .costly import (COSTLY_FROM, STRONG_BETTER, STRONG_SAME, STRONG_SAME_BEATEN, chosen_words, turn_promise,
                     unused_points)
from .line import REACH

TURNS_HEADING = "Turn by turn: your decision against the best one found"
# the window's review: how to pick a turn on its chart, and where its turn-by-turn list is (below the fold: a
# new player never found it, s6 finding 5)
TURN_HINT = (f"Click a turn on the chart (the numbered marks lost {COSTLY_FROM:g} points or more), or Tab to the "
             "chart and press Left or Right. Every turn is also listed at the end of the text below (End).")
TURN_LIST_NOTE = ("Every turn, with what you chose, the better decision and strong play's own, is listed at the "
                  "end of this text: press End, or pick a turn on the chart.")
SAME_AS_BEST = "nothing: yours was the best found"
# `leadsim review`'s table of every turn, and the labels of its list layout (a narrow terminal)
TURN_COLUMNS = ("Turn", "You chose", "Lost", "Label", "Do instead", "Strong play chose", "Reach before", "Reach after")
TURN_LIST_LABELS = ("you chose:", "do instead:", "strong play chose:")


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
    practice: str = ""  # what a practice from this turn gets repeating your later decisions (costly.turn_promise)

    @property
    def strong_text(self) -> str:
        """Strong play's own choice, 'the same as yours' (a loss then is strong play's too) or 'the better
        decision'."""
        if not self.strong:
            return STRONG_SAME_BEATEN if self.better else STRONG_SAME
        return STRONG_BETTER if self.strong_is_better else self.strong

    @property
    def before(self) -> float:
        """The evaluation before this turn: the best final score found at it."""
        return self.eval - self.move

    @property
    def numbers(self) -> str:
        """'Turn 8: blunder, 116.3 points lost (within reach: 696.5 before it, 580.2 after it)': the loss and the
        evaluation line's two points it lies between, which differ by exactly the loss. 'Turn 8: 116.6 points
        lost; expected final score 579.9 (-14.9)' gave two sizes for one turn (s6 player 2 finding 2)."""
        if self.loss < 0.05:
            return f"Turn {self.turn}: {self.label}, nothing lost ({self.eval:.1f} still {REACH})"
        return (f"Turn {self.turn}: {self.label}, {self.loss:.1f} points lost ({REACH}: {self.before:.1f} "
                f"before it, {self.eval:.1f} after it)")


def turn_rows(session: Session, review: Review) -> tuple[TurnRow, ...]:
    return tuple(TurnRow(tr.turn, chosen_words(session, tr.chosen),
                         "" if tr.best == tr.chosen else decision_words(session, tr.best),
                         tr.loss, tr.label, tr.chosen_value, move.change,
                         "" if move.same_as_strong or tr.strong is None else decision_words(session, tr.strong),
                         tr.best != tr.chosen and same_decision(tr.strong, tr.best),
                         turn_promise(session, review, tr.turn))
                 for tr, move in zip(review.turns, review.moves()))


def idle_words(session: Session, review: Review) -> str:
    """What the turns left empty cost, and why little late in the game, in one sentence ('' when none was). An
    empty turn read 'good, 1.1 points lost' and a player took it as 'nothing matters in the second half' (s7
    player 3, finding 2). What is true, measured on each game: an empty turn costs its points against the best
    decision found at that turn (strong play after each, same luck); late in the game that is little, as few turns are
    left for an action's effects to count and an effect that lands after the last turn counts for nothing,
    while an empty turn early costs more (scale-up's turn 10: 11.8, its turn 26: 0.7)."""
    rules = session.rules
    empty = [t for t in review.turns if unused_points(session, t.chosen) >= int(rules.action_points)]
    if not empty:
        return ""
    costs = [t.idle_cost for t in empty if t.idle_cost == t.idle_cost]
    named = [f"turn {t.turn}" for t in empty]
    which = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    text = (f"You left every action point unused on {which}: doing nothing is not a good move, however few points "
            "it lost.")
    if costs:
        text += (f" There it cost {words.joined([f'{max(c, 0.0):.1f}' for c in costs])} points against the best "
                 "decision found.")
        tried = [t for t in review.turns if t.idle_cost == t.idle_cost]
        worst = max(tried, key=lambda t: (t.idle_cost, -t.turn))
        if worst.turn < min(t.turn for t in empty) and worst.idle_cost >= 2 * max(costs) + 1:
            text += (f" Late in the game few turns are left for an action's effects to count (effects that land "
                     f"after turn {rules.turns} count for nothing); an empty turn {worst.turn} would have cost "
                     f"{worst.idle_cost:.1f}.")
    return text
