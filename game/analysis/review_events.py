"""Why an event came to some games of a room and not to others, from the scenario's own data and the replays.

An event's chance is a random number drawn per game, turn and event from the
game's key (model/rng.py); a workshop's teams share one seed, so they share
these numbers: the event's chance "comes up" at the same turns for every team.
Whether a team then meets it depends only on its own game at that moment, as
the model's next-event stage (model/turn_end.py, next_event) decides: a
follow-up that was due comes first; the game must still run, be in one of the
event's phases, meet its condition (the scenario's `when`, judged by the
model's own compiled expression on the game's values after the turn before),
not have had a one-off event already nor be inside its cooldown; and of
several events whose chance came up, the one that beat its odds most wins.

This module reads those facts from a reviewed game (the positions the review
keeps) and says them in words; it decides nothing, so it is no second copy of
the rules: `test_every_meeting_and_every_miss_is_explained` checks each
explanation against what the model really did.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..model import expr, rng
from ..model.state import NO_EVENT, State

# --- the trigger in words ------------------------------------------------------------------------

_COMPARE = {">": "above", ">=": "at least", "<": "below", "<=": "at most", "==": "exactly", "!=": "not"}
_FLIP = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "==": "==", "!=": "!="}


def condition_words(scenario, text: str) -> str:
    """An event's condition as a trainer reads it: 'process maturity below 35 and in the phase Growing up';
    the expression as written (in quotes) where it is more than names compared with numbers."""
    try:
        node = expr.parse(text)
    except expr.ExprError:
        return f"'{text}'"
    out = _words(scenario, node)
    return out if out is not None else f"'{text}'"


def _words(scenario, node) -> str | None:
    metrics, crises = scenario.metrics, {c.id: c.title for c in scenario.crises}
    phases = {p.id: p.title for p in scenario.phases}
    if isinstance(node, expr.Num):
        return "always" if node.value else "never"
    if isinstance(node, expr.Name) and node.name in crises:
        return f"during the crisis '{crises[node.name]}'"
    if isinstance(node, expr.Unary) and node.op == "not":
        inner = _words(scenario, node.operand)
        return None if inner is None else f"not ({inner})"
    if isinstance(node, expr.Binary) and node.op in ("and", "or"):
        left, right = _words(scenario, node.left), _words(scenario, node.right)
        return None if left is None or right is None else f"{left} {node.op} {right}"
    if isinstance(node, expr.Binary) and node.op in _COMPARE:
        name, number, op = node.left, node.right, node.op
        if isinstance(name, (expr.Num, expr.Str)) and isinstance(number, expr.Name):
            name, number, op = number, name, _FLIP[op]
        if not isinstance(name, expr.Name):
            return None
        if name.name == "phase" and isinstance(number, expr.Str) and op in ("==", "!="):
            title = phases.get(number.value, number.value)
            return f"{'in' if op == '==' else 'outside'} the phase '{title}'"
        if not isinstance(number, expr.Num):
            return None
        n = number.value
        if name.name == "turn":  # judged after the turn before the event's: 'turn >= 3' shows it from turn 4
            return {">": f"from turn {n + 2:g}", ">=": f"from turn {n + 1:g}", "<": f"up to turn {n:g}",
                    "<=": f"up to turn {n + 1:g}", "==": f"at turn {n + 1:g}", "!=": f"except at turn {n + 1:g}"}[op]
        if name.name == "turns_left":
            return f"while turns left (after the turn before) are {_COMPARE[op]} {n:g}"
        if name.name in metrics:
            spec = metrics[name.name]
            return f"while {(spec.title or name.name).lower()} is {_COMPARE[op]} {n:g}{spec.unit}"
    return None


def trigger_words(scenario, event) -> str:
    """What makes the event happen, from the scenario's data: 'It can come each turn from turn 4, with a 12%
    chance a turn, at most once a game.' or 'It comes only as a follow-up: 2 turns after ...'."""
    origins = [(e.title, c.label, c.followup_after) for e in scenario.events for c in e.choices
               if c.followup == event.id]
    follow = "; ".join(f"{after} turn{'s' if after != 1 else ''} after the answer '{label}' to '{title}'"
                       for title, label, after in origins)
    if event.probability == 0:
        return f"It comes only as a follow-up: {follow}." if follow else "It never comes by chance (probability 0)."
    parts = []
    cond = condition_words(scenario, event.when)
    if cond != "always":
        parts.append(cond)
    if event.phases:
        titles = {p.id: p.title for p in scenario.phases}
        parts.append("in the phase" + ("s " if len(event.phases) > 1 else " ")
                     + ", ".join(f"'{titles.get(p, p)}'" for p in event.phases))
    text = "It can come each turn" + ("".join(f" {p}" for p in parts)) + f", with a {event.probability:.0%} chance a turn"
    if event.once:
        text += ", at most once a game"
    elif event.cooldown:
        text += f", at least {event.cooldown} turns apart"
    return text + (f"; it also follows {follow}." if follow else ".")


# --- the shared draws and each game's reasons ------------------------------------------------------

def came_up(rules, key: int, q: int, turns: int) -> list[int]:
    """The turns (2..turns) at which event q's chance came up for a game with this key: the same turns for
    every game of the seed, whatever it did (the draw is rng.unit of the key and the turn's shared word)."""
    p = float(rules.event_p[q])
    k = np.uint64(key)
    return [t for t in range(2, turns + 1) if p > 0 and _draw(k, t, q) < p]


def _draw(key, turn: int, q: int) -> float:
    """The number event q's chance was judged by for the event of `turn` (model/turn_end.py, next_event)."""
    return float(rng.unit(np.uint64(key), np.uint64(rng.counter(turn - 1, rng.EVENTS, q))))


@dataclass(frozen=True)
class Miss:
    """Why one game did not meet the event at one turn its chance came up."""

    kind: str  # "ended", "followup", "phase", "once", "cooldown", "condition", "other event"
    detail: str = ""  # the part of the condition that failed in words, the event that came instead, ...
    values: str = ""  # the game's values of the metrics that part names ("process maturity 41", "morale 50 and
    # trust 40")


def _env(rules, state: State, turn: int) -> dict:
    """The expression variables as the model judged them for the event of `turn` (after turn - 1)."""
    env = {m: state.x[0, i] for i, m in enumerate(rules.metrics)}
    env.update({c: float(state.crisis[0, k]) for k, c in enumerate(rules.crises)})
    env.update(turn=float(turn - 1), turns_left=float(rules.turns - turn + 1), phase=float(state.phase[0]))
    return env


def _unparse(node) -> str:
    """An expression node written back in the scenario language (to judge one part of a condition alone)."""
    if isinstance(node, expr.Num):
        return repr(node.value)
    if isinstance(node, expr.Str):
        return f'"{node.value}"'
    if isinstance(node, expr.Name):
        return node.name
    if isinstance(node, expr.Unary):
        return f"({node.op} {_unparse(node.operand)})" if node.op == "not" else f"({node.op}{_unparse(node.operand)})"
    if isinstance(node, expr.Binary):
        return f"({_unparse(node.left)} {node.op} {_unparse(node.right)})"
    return f"{node.func}({', '.join(_unparse(a) for a in node.args)})"


def _conjuncts(node) -> list:
    if isinstance(node, expr.Binary) and node.op == "and":
        return _conjuncts(node.left) + _conjuncts(node.right)
    return [node]


_parts: dict[tuple[int, str], tuple[object, list]] = {}


def _condition_parts(session, text: str) -> list | None:
    """The parts of an 'a and b' condition, each (words, compiled program, its text), compiled once per
    scenario by the model's own compiler; None when the condition does not parse."""
    from ..scenario.checks import expression_names

    scenario = session.scenario
    kept = _parts.get((id(scenario), text))
    if kept is not None and kept[0] is scenario:
        return kept[1]
    try:
        compiler = expr.Compiler(expression_names(scenario), [p.id for p in scenario.phases])
        parts = [(_words(scenario, p) or f"'{_unparse(p)}'", compiler.compile(_unparse(p)), _unparse(p))
                 for p in _conjuncts(expr.parse(text))]
    except expr.ExprError:
        parts = None
    _parts[(id(scenario), text)] = (scenario, parts)
    return parts


def failed_parts(session, text: str, env: dict) -> tuple[str, str]:
    """The parts of an 'a and b' condition that did not hold, in words, and the game's values of the metrics
    they name: ("while process maturity is below 45", "process maturity 52"), the values as a list reads
    ("morale 60 and trust 50"); each part judged by the model's own compiler."""
    parts = _condition_parts(session, text)
    if parts is None:
        return f"'{text}'", ""
    failed = [p for p in parts if not p[1](env)[0]] or parts
    values = [v for p in failed for v in _values(session.rules, session.scenario, p[2], env)]
    return " and ".join(p[0] for p in failed), _listed(values)


def _listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return " and ".join(filter(None, (", ".join(items[:-1]), items[-1]))) if items else ""


@lru_cache(maxsize=256)
def _names(text: str) -> tuple[str, ...]:
    try:
        return tuple(expr.names_in(text))
    except expr.ExprError:
        return ()


def _values(rules, scenario, text: str, env: dict) -> list[str]:
    """The metrics a condition names, each with the game's value: ['process maturity 41']."""
    names = _names(text)
    metrics = scenario.metrics
    return [f"{(metrics[n].title or n).lower()} {float(env[n]):.0f}{metrics[n].unit}"
            for n in dict.fromkeys(names) if n in metrics]


def miss(session, positions: list[State], q: int, turn: int) -> Miss | None:
    """Why the game did not meet event q at `turn` (whose chance came up), or None when it did."""
    rules, scenario = session.rules, session.scenario
    if turn > len(positions):
        return Miss("ended")
    state = positions[turn - 1]
    met = int(state.event[0])
    if met == q:
        return None
    event = scenario.events[q]
    if met != NO_EVENT:
        other = scenario.events[met]
        if not _draw(state.keys[0], turn, met) < float(rules.event_p[met]):
            return Miss("followup", other.title)
    if event.phases and rules.phases[int(state.phase[0])] not in event.phases:
        return Miss("phase", scenario.phases[int(state.phase[0])].title)
    before = [t for t, d in enumerate(positions[:turn - 1], 1) if int(d.event[0]) == q]
    if event.once and before:
        return Miss("once", str(before[-1]))
    if event.cooldown and before and turn - before[-1] < event.cooldown:
        return Miss("cooldown", str(before[-1]))
    env = _env(rules, state, turn)
    if not rules.event_when[q](env)[0]:
        return Miss("condition", *failed_parts(session, event.when, env))
    if met != NO_EVENT:
        return Miss("other event", scenario.events[met].title)
    return Miss("unexplained")
