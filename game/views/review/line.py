"""The review's evaluation line: what it is (the best final score still within reach after each turn), how it
moves (by each turn's loss) and how a text front-end draws it (a line of block characters with its scale)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

@dataclass(frozen=True)
class LineMove:
    """One turn's move of the evaluation line (analysis.review.EvalMove)."""

    turn: int
    change: float  # the evaluation after the turn minus before it
    rest: float  # what moved it besides the turn's loss: zero, since every line tried has the same luck
    loss: float = 0.0  # the turn's loss against the best decision found (what the turn's label counts)


MOVE_SHOWN = 0.5  # points: smaller moves of the evaluation line are not named
OWN_PLAY_NOTE = ("Where your own later play beat strong play's from a turn on, that turn is valued by your own "
                 "result.")
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
    text = (f"How to read the line: after each turn, the best final score still {REACH} on the same luck (your "
            "decisions so far, the best decision found, then strong play); it falls by each turn's points lost "
            "and never rises.")
    if start is not None and score is not None:
        versus = f"; par {par:.1f}" if par is not None else ""
        text += f" The points lost add up to its start ({start:.1f}{versus}) minus your score ({score:.1f})."
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
