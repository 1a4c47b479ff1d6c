"""Hypothesis strategies for random *valid* scenarios and random decision sequences.

A scenario is drawn as a plain dict (what a trainer would write in YAML) and goes
through the real loader, so the generator also checks that the loader accepts
everything the schema promises. Expressions come from a small grammar over the
scenario's own names.
"""

from __future__ import annotations

import numpy as np
import yaml
from hypothesis import strategies as st

from game.scenario.defaults import CORE_METRICS
from game.scenario.loader import LoadedScenario, load_text_bytes

CATS = ["leadership", "management", "development"]
CORE = list(CORE_METRICS)


def _num(draw, lo=-20.0, hi=20.0) -> float:
    return round(draw(st.floats(lo, hi, allow_nan=False, allow_infinity=False)), 2)


def value_expr(draw, names: list[str], depth: int = 0) -> str:
    """A numeric expression: numbers, names, + - * /, powers, min/max/clip/abs/sqrt/if."""
    kinds = ["num", "name"] if depth >= 3 else ["num", "name", "bin", "bin", "call", "pow", "neg"]
    kind = draw(st.sampled_from(kinds))
    if kind == "num":
        return str(_num(draw, -50, 50))
    if kind == "name":
        return draw(st.sampled_from(names))
    if kind == "neg":
        return f"-({value_expr(draw, names, depth + 1)})"
    if kind == "pow":
        return f"({value_expr(draw, names, depth + 1)}) ^ {draw(st.integers(-4, 4))}"
    if kind == "bin":
        op = draw(st.sampled_from(["+", "-", "*", "/", "%"]))
        return f"({value_expr(draw, names, depth + 1)} {op} {value_expr(draw, names, depth + 1)})"
    fn = draw(st.sampled_from(["min", "max", "clip", "abs", "sqrt", "floor", "round", "if"]))
    n = {"min": 2, "max": 2, "clip": 3, "if": 3}.get(fn, 1)
    return f"{fn}({', '.join(value_expr(draw, names, depth + 1) for _ in range(n))})"


def cond_expr(draw, names: list[str], phases: list[str], depth: int = 0) -> str:
    kind = draw(st.sampled_from(["cmp", "cmp", "turn", "phase", "bool", "and", "or", "not"] if depth < 2
                                else ["cmp", "turn", "bool"]))
    if kind == "cmp":
        op = draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
        return f"{draw(st.sampled_from(names))} {op} {_num(draw, -20, 120)}"
    if kind == "turn":
        return f"turn >= {draw(st.integers(0, 30))}"
    if kind == "phase":
        return f'phase {draw(st.sampled_from(["==", "!="]))} "{draw(st.sampled_from(phases))}"'
    if kind == "bool":
        return draw(st.sampled_from(["true", "false"]))
    if kind == "not":
        return f"not ({cond_expr(draw, names, phases, depth + 1)})"
    return f"({cond_expr(draw, names, phases, depth + 1)}) {kind} ({cond_expr(draw, names, phases, depth + 1)})"


def effects(draw, metrics: list[str], size: int = 3) -> dict:
    chosen = draw(st.lists(st.sampled_from(metrics), max_size=size, unique=True))
    return {m: _num(draw) for m in chosen}


def delayed(draw, metrics: list[str]) -> list[dict]:
    out = []
    for _ in range(draw(st.integers(0, 2))):
        after = draw(st.integers(1, 6))
        out.append({"metric": draw(st.sampled_from(metrics)), "amount": _num(draw),
                    "after": after, "over": draw(st.integers(1, 13 - after))})
    return out


@st.composite
def scenario_dicts(draw) -> dict:
    turns = draw(st.integers(3, 20))
    ap = draw(st.integers(1, 4))
    metrics: dict = {}
    extra = [f"m{i}" for i in range(draw(st.integers(0, 3)))]
    for name in extra:
        lo = float(draw(st.integers(-100, 50)))
        hi = lo + float(draw(st.integers(1, 200)))
        metrics[name] = {"title": name.upper(), "min": lo, "max": hi,
                         "start": round(draw(st.floats(lo, hi)), 2),
                         "good": draw(st.sampled_from(["higher", "lower"])),
                         "noise": draw(st.sampled_from([0, 0, 0.5, 3])),
                         "saturates": draw(st.booleans())}
    names = CORE + extra
    crises = [f"c{i}" for i in range(draw(st.integers(0, 2)))]
    phase_ids = [f"p{i}" for i in range(draw(st.integers(1, 3)))]
    expr_names = names + crises + ["turn", "turns_left"]
    for name in extra + draw(st.lists(st.sampled_from(CORE), max_size=3, unique=True)):
        if draw(st.booleans()):
            metrics.setdefault(name, {})["drift"] = value_expr(draw, expr_names)
    if draw(st.booleans()):
        metrics.setdefault("budget", {}).update({"min": -20.0, "max": 60.0, "start": 10.0})

    phases = []
    last = 1  # starts_at_turn is at least 2 (turn 1 is always played in the first phase)
    for i, pid in enumerate(phase_ids):
        ph = {"id": pid, "title": pid.upper(),
              "weights": {c: round(draw(st.floats(0, 2)), 2) for c in CATS}}
        if i:
            room = turns - 1 - last
            if room >= 1 and draw(st.booleans()):
                last = last + draw(st.integers(1, room))
                ph["starts_at_turn"] = last + 1  # counted from 1, as the player sees turns
            if "starts_at_turn" not in ph or draw(st.booleans()):
                ph["starts_when"] = cond_expr(draw, expr_names, phase_ids)
        phases.append(ph)

    actions = []
    for i in range(draw(st.integers(1, 6))):
        a = {"id": f"a{i}", "title": f"Action {i}", "category": CATS[i % 3] if i < 3 else draw(st.sampled_from(CATS)),
             "cost": {"budget": float(draw(st.integers(0, 15))), "ap": draw(st.integers(0, ap))},
             "effects": effects(draw, names), "side_effects": effects(draw, names, 2),
             "delayed": delayed(draw, names), "cooldown": draw(st.integers(0, 3)),
             "diminishing": round(draw(st.floats(0.2, 1.0)), 2)}
        if draw(st.integers(0, 3)) == 0:
            a["phases"] = draw(st.lists(st.sampled_from(phase_ids), min_size=1, unique=True))
        if draw(st.integers(0, 3)) == 0:
            a["requires"] = cond_expr(draw, expr_names, phase_ids)
        actions.append(a)

    event_ids = [f"e{i}" for i in range(draw(st.integers(0, 4)))]
    events = []
    for eid in event_ids:
        choices = []
        for j in range(draw(st.integers(1, 3))):
            ch = {"id": f"x{j}", "label": f"Choice {j}", "effects": effects(draw, names),
                  "delayed": delayed(draw, names), "cost": float(draw(st.integers(0, 10)))}
            if draw(st.booleans()):
                ch["category"] = draw(st.sampled_from(CATS))
            if draw(st.integers(0, 2)) == 0:
                ch["followup"] = draw(st.sampled_from(event_ids))
                ch["followup_after"] = draw(st.integers(1, 4))
            choices.append(ch)
        ev = {"id": eid, "title": eid.upper(), "text": "Something happens.",
              "when": cond_expr(draw, expr_names, phase_ids),
              "probability": round(draw(st.floats(0, 1)), 2), "once": draw(st.booleans()),
              "cooldown": draw(st.integers(0, 5)), "choices": choices}
        if draw(st.integers(0, 3)) == 0:
            ev["phases"] = draw(st.lists(st.sampled_from(phase_ids), min_size=1, unique=True))
        events.append(ev)

    crisis_specs = [{"id": cid, "title": cid.upper(), "start": cond_expr(draw, expr_names, phase_ids),
                     "end": cond_expr(draw, expr_names, phase_ids), "per_turn": effects(draw, names)}
                    for cid in crises]
    endings = []
    for i in range(draw(st.integers(1, 3))):
        endings.append({"id": f"end{i}", "title": f"End {i}", "kind": draw(st.sampled_from(["win", "loss", "neutral"])),
                        "when": cond_expr(draw, expr_names, phase_ids), "at_end": draw(st.booleans())})
    weights = effects(draw, names, 4)
    weights[draw(st.sampled_from(names))] = round(draw(st.floats(0.1, 3)), 2)
    data = {"format": 1, "id": "gen", "title": "Generated", "summary": "A generated scenario.",
            "briefing": "Generated by hypothesis.", "turns": turns, "action_points": ap,
            "metrics": metrics, "phases": phases, "actions": actions, "events": events,
            "crises": crisis_specs, "endings": endings,
            "score": {"weights": weights, "win_bonus": float(draw(st.integers(0, 100))),
                      "loss_penalty": float(draw(st.integers(0, 100)))},
            "noise": {"effects": round(draw(st.floats(0, 0.5)), 2)}}
    if draw(st.booleans()):
        data["effectiveness"] = {c: value_expr(draw, expr_names) for c in CATS}
    return data


def load_dict(data: dict) -> LoadedScenario:
    return load_text_bytes(yaml.safe_dump(data, sort_keys=False).encode("utf-8"), "generated.yaml")


# --- decisions ------------------------------------------------------------------------------

def pick(rules, state, run: int, mask: int, answer: int) -> tuple[np.ndarray, int]:
    """A legal decision for one run, chosen by the bits of `mask` among the legal actions.

    A pure function of that run's state, so a batch and a single game choose alike.
    """
    from game.model.context import legal_actions

    legal = legal_actions(rules, state)[run]
    chosen = np.zeros(len(rules.actions), dtype=bool)
    ap, money = rules.action_points, float(state.x[run, rules.budget_index])
    for a in np.flatnonzero(legal):
        if (mask >> (a % 30)) & 1 and rules.cost_ap[a] <= ap and rules.cost_budget[a] <= money:
            chosen[a] = True
            ap -= int(rules.cost_ap[a])
            money -= float(rules.cost_budget[a])
    e = int(state.event[run])
    choice = answer % int(rules.n_choices[e]) if e >= 0 else 0
    return chosen, choice


decision_seqs = st.lists(st.tuples(st.integers(0, 2**30 - 1), st.integers(0, 5)), min_size=25, max_size=25)
