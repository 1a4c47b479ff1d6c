"""What counts as a win, in words: the goal a player is told before, during and after a game.

A scenario's endings are conditions in the scenario language ("morale >= 68 and
efficiency >= 62"). A player who is never told them cannot tell why a game
ended "Survived, but bruised" instead of "A thriving company", and a review
that marks a turn a 100-point blunder teaches nothing. So the briefing and the
help state the goal, the debrief says what was needed against what the game
got, and the review says which part of the goal a turn lost.

Conditions are read from the parsed expression (model/expr.py): a chain of
comparisons of a metric with a number joined by 'and' reads as a list ("Morale
at least 68, Efficiency at least 62 and Budget at least 76k"); anything else
is shown with the metrics' titles in place of their ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.expr import Binary, ExprError, Name, Num, Str, parse

COMPARE_WORDS = {">=": "at least", ">": "above", "<=": "at most", "<": "below", "==": "exactly", "!=": "not"}
FLIPPED = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}


@dataclass(frozen=True)
class Clause:
    """One comparison of a metric with a number, e.g. efficiency >= 62."""

    metric: str
    op: str
    value: float

    def holds(self, x: float) -> bool:
        return {">=": x >= self.value, ">": x > self.value, "<=": x <= self.value, "<": x < self.value,
                "==": x == self.value, "!=": x != self.value}[self.op]


def _and_terms(node) -> list:
    if isinstance(node, Binary) and node.op == "and":
        return _and_terms(node.left) + _and_terms(node.right)
    return [node]


def _clause(node) -> Clause | None:
    if not isinstance(node, Binary) or node.op not in COMPARE_WORDS:
        return None
    if isinstance(node.left, Name) and isinstance(node.right, Num):
        return Clause(node.left.name, node.op, node.right.value)
    if isinstance(node.left, Num) and isinstance(node.right, Name):
        return Clause(node.right.name, FLIPPED[node.op], node.left.value)
    return None


def _phase_term(node) -> str | None:
    """The phase id of a `phase == "x"` term, else None."""
    if isinstance(node, Binary) and node.op == "==" and isinstance(node.left, Name) and node.left.name == "phase" \
            and isinstance(node.right, Str):
        return node.right.value
    return None


@dataclass(frozen=True)
class Condition:
    """An ending's condition: its clauses when it is a plain 'and' of comparisons (plus a phase), else None."""

    text: str
    clauses: tuple[Clause, ...] | None
    phase: str | None = None


def condition(text) -> Condition:
    """`text` is a scenario's condition, or a compiled one (its text is read)."""
    text = getattr(text, "text", text)
    try:
        terms = _and_terms(parse(text))
    except ExprError:
        return Condition(text, None)
    phases = [p for p in map(_phase_term, terms) if p is not None]
    rest = [t for t in terms if _phase_term(t) is None]
    clauses = [_clause(t) for t in rest]
    if any(c is None for c in clauses) or len(phases) > 1:
        return Condition(text, None)
    return Condition(text, tuple(clauses), phases[0] if phases else None)


def _title(scenario, metric: str, hidden_note: bool = True) -> str:
    spec = scenario.metrics.get(metric)
    if spec is None:
        return metric
    title = spec.title or metric
    return f"the hidden driver {title}" if hidden_note and not spec.visible and not metric.endswith("_skill") else title


def amount(scenario, metric: str, value: float) -> str:
    """A metric's number with its unit, as the dashboard writes it ('76k', '62')."""
    spec = scenario.metrics.get(metric)
    unit = spec.unit if spec is not None else ""
    return f"{value:.0f}{unit}" if float(value).is_integer() else f"{value:.1f}{unit}"


def near(scenario, c: Clause, x: float) -> str:
    """A game's value for a clause, with a decimal when whole numbers would hide which side it is on
    (63.6 against 'at least 64' is not '64')."""
    for digits in (0, 1, 2, 3):
        shown = round(x, digits)
        if c.holds(shown) == c.holds(x):
            break
    unit = scenario.metrics[c.metric].unit if c.metric in scenario.metrics else ""
    return f"{shown:.{digits}f}{unit}"


def _comparisons(node, out: list[Clause]) -> None:
    """Every comparison of a metric with a number anywhere in an expression (inside 'or', 'not', a call)."""
    c = _clause(node)
    if c is not None:
        out.append(c)
    for child in (getattr(node, "left", None), getattr(node, "right", None), getattr(node, "operand", None),
                  *getattr(node, "args", ())):
        if child is not None:
            _comparisons(child, out)


_LINES: dict[int, tuple[object, dict[str, tuple[Clause, ...]]]] = {}  # id(scenario) -> (it, metric -> lines)


def rule_lines(scenario, metric: str) -> tuple[Clause, ...]:
    """Every line a rule of the scenario draws on `metric`: its endings', crises' (start and end), events'
    and phases' comparisons ('ownership < 36'). Read once per scenario."""
    held = _LINES.get(id(scenario))
    if held is None or held[0] is not scenario:
        found: list[Clause] = []
        texts = [e.when for e in scenario.endings] + [c.start for c in scenario.crises] + \
                [c.end for c in scenario.crises] + [e.when for e in scenario.events] + \
                [getattr(p, "starts_when", None) for p in scenario.phases]
        for text in texts:
            text = getattr(text, "text", text)
            if not text:
                continue
            try:
                _comparisons(parse(text), found)
            except ExprError:
                continue
        by_metric: dict[str, list[Clause]] = {}
        for c in found:
            by_metric.setdefault(c.metric, []).append(c)
        held = (scenario, {m: tuple(cs) for m, cs in by_metric.items()})
        _LINES[id(scenario)] = held
    return held[1].get(metric, ())


def value_text(scenario, metric: str, value: float, digits: int = 0) -> str:
    """A metric's value as every screen shows it (whole numbers, or `digits` decimals), with its unit, and
    with as many more decimals as it takes to keep it on its side of every line a rule draws on that metric:
    an Ownership of 35.6 under the loss 'Ownership below 36' is '35.6', never '36' (trainer s7 finding 3:
    the projector, the report and the slides showed 36 beside the rule 'below 36'). The one formatter of a
    metric's value for the projector, the console, the report, the slides and the participants' pages."""
    lines = rule_lines(scenario, metric)
    for d in range(digits, digits + 4):
        shown = round(value, d)
        if all(c.holds(shown) == c.holds(value) for c in lines):
            break
    spec = scenario.metrics.get(metric)
    unit = spec.unit if spec is not None else ""
    return f"{0.0 if shown == 0 else shown:.{d}f}{unit}"


def clause_words(scenario, c: Clause, verb: str = "") -> str:
    """'Efficiency at least 62'; with verb="is", 'Efficiency is at least 62', for a clause inside a sentence
    ("below 16 while Efficiency is below 52"). The one wording of a clause: the goal, the checks, the gauges'
    lines and the crisis lines all say a metric's line this way."""
    verb = f" {verb}" if verb else ""
    return f"{_title(scenario, c.metric)}{verb} {COMPARE_WORDS[c.op]} {amount(scenario, c.metric, c.value)}"


def per_turn_words(scenario, per_turn: dict) -> str:
    """What a crisis does each turn while it lasts, with the metrics' titles and units: 'Stress +3 and
    Budget -3k a turn'; '' when it does nothing. The one wording for the dashboard's line of a crisis that is
    on and the debrief's story of the first crisis (the dashboard once wrote 'stress +3/turn' with the ids)."""
    parts = [f"{_title(scenario, m, hidden_note=False)} {v:+g}{scenario.metrics[m].unit}"
             for m, v in per_turn.items() if m in scenario.metrics and isinstance(v, (int, float))]
    return f"{listed(parts)} a turn" if parts else ""


def listed(parts: list[str], last: str = "and") -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {last} {parts[-1]}"


def condition_words(scenario, text: str) -> str:
    """An ending's condition as a sentence part: 'Morale at least 68 and Efficiency at least 62'."""
    cond = condition(text)
    if cond.clauses is None:
        out = cond.text
        for m in sorted(scenario.metrics, key=len, reverse=True):
            out = out.replace(m, _title(scenario, m, hidden_note=False))
        return out
    parts = [clause_words(scenario, c) for c in cond.clauses]
    if cond.phase is not None:
        phase = next((p.title for p in scenario.phases if p.id == cond.phase), cond.phase)
        parts.append(f"in the {phase} phase")
    return listed(parts) if parts else "always"


def win_endings(scenario) -> list:
    return [e for e in scenario.endings if e.kind == "win"]


def goal_line(scenario) -> str:
    """The goal in one or two sentences, for the briefing and the help: what wins, what loses at once."""
    sc = scenario.score
    out = []
    for e in win_endings(scenario):
        bonus = f", {sc.win_bonus:+g} points" if sc.win_bonus else ""
        when = "at the end of the last turn" if e.at_end else "at the end of any turn"
        out.append(f"To win ('{e.title}'{bonus}), have {condition_words(scenario, e.when)} {when}.")
    losses = [e for e in scenario.endings if e.kind == "loss"]
    if losses:
        penalty = f" ({-sc.loss_penalty:+g} points)" if sc.loss_penalty else ""
        parts = [f"'{e.title}' ({condition_words(scenario, e.when)})" for e in losses]
        out.append(f"It ends at once as a loss{penalty} with {listed(parts, 'or')}.")
    return " ".join(out)


def enough_words(scenario) -> str:
    """The score's limits (score: enough), as a clause: 'Budget counts up to 100k', or '' when it has none."""
    parts = []
    for m, value in scenario.score.enough.items():
        spec = scenario.metrics[m]
        parts.append(f"{spec.title or m} counts {'up' if spec.good == 'higher' else 'down'} to "
                     f"{amount(scenario, m, value)}")
    return listed(parts) if parts else ""


def score_line(scenario) -> str:
    """How the score is made, in one sentence (two when some metric counts only up to a limit)."""
    names = ", ".join(scenario.metrics[m].title or m for m, w in scenario.score.weights.items() if w)
    enough = enough_words(scenario)
    limit = f" {enough}: more than that adds nothing." if enough else ""
    return (f"Your score (up to 1,000 points) is the average of {names} over all {scenario.turns} turns, "
            f"so steady results beat a last-minute sprint.{limit}")


def goal_text(scenario) -> str:
    """How the score is made and what wins or loses: for the briefing, the help and the picker."""
    return f"{score_line(scenario)} {goal_line(scenario)}"


@dataclass(frozen=True)
class Check:
    """One part of the goal against what a game got."""

    clause: Clause
    words: str  # "Efficiency at least 62"
    got: float
    met: bool
    got_text: str  # "61 (1 short)"


def checks(scenario, cond: Condition, values: dict[str, float]) -> tuple[Check, ...]:
    out = []
    for c in cond.clauses or ():
        if c.metric not in values:
            continue
        x = float(values[c.metric])
        met = c.holds(x)
        got = near(scenario, c, x)
        if not met and c.op in (">=", ">"):
            got += f" ({abs(c.value - x):.0f} short)" if round(abs(c.value - x)) >= 1 else " (just short)"
        elif not met and c.op in ("<=", "<"):
            got += f" ({abs(x - c.value):.0f} too high)" if round(abs(x - c.value)) >= 1 else " (just too high)"
        out.append(Check(c, clause_words(scenario, c), x, met, got))
    return tuple(out)


def goal_check(session) -> str:
    """The debrief's 'you needed X, you got Y' about the win, from the game's final metrics."""
    sc = session.scenario
    rules = session.rules
    values = {m: float(session.history[-1][rules.index[m]]) for m in rules.metrics}
    ending = session.ending
    out = []
    for e in win_endings(sc):
        cond = condition(e.when)
        if cond.clauses is None:
            out.append(f"To win ('{e.title}') you needed {condition_words(sc, e.when)}.")
            continue
        got = checks(sc, cond, values)
        needed = listed([c.words for c in got])
        had = listed([f"{_title(sc, c.clause.metric, hidden_note=False)} {c.got_text}" for c in got])
        won = ending is not None and ending.id == e.id
        if ending is not None and ending.kind == "loss":
            when = f"early, on turn {session.turn}," if session.turn < sc.turns else "after the last turn"
            spec = next((x for x in sc.endings if x.id == ending.id), None)
            why = reached_by(sc, spec, values) if spec is not None else ""
            why = why or condition_words(sc, ending.when)
            out.append(f"The game ended {when} as a loss ('{ending.title}': {why}). "
                       f"To win ('{e.title}') you needed {needed} at the end.")
            continue
        if won:
            out.append(f"You won ('{e.title}'): you needed {needed} and had {had}.")
        else:
            missed = [c for c in got if not c.met]
            what = listed([c.words for c in missed]) if missed else needed
            out.append(f"To win ('{e.title}') you needed {needed}; you had {had}, so {what} was missed.")
    return " ".join(out)


def reached_by(scenario, ending, values: dict[str, float]) -> str:
    """Why a line reached a loss ending, in words: 'Ownership below 36: 33'."""
    cond = condition(ending.when)
    if cond.clauses is None:
        return ""
    return "; ".join(f"{c.words}: {near(scenario, c.clause, c.got)}" for c in checks(scenario, cond, values) if c.met)


def lost_by(scenario, ending, chosen_end: dict[str, float], better_end: dict[str, float]) -> str:
    """Which parts of an ending's goal the better line met and the player's line missed:
    'Efficiency at least 64: 61 on your line, 66 on the better one'."""
    cond = condition(ending.when)
    if cond.clauses is None:
        return ""
    mine, theirs = checks(scenario, cond, chosen_end), {c.clause: c for c in checks(scenario, cond, better_end)}
    parts = [f"{c.words}: {near(scenario, c.clause, c.got)} with your decision, "
             f"{near(scenario, c.clause, theirs[c.clause].got)} with the better one"
             for c in mine if not c.met and theirs[c.clause].met]
    return "; ".join(parts)
