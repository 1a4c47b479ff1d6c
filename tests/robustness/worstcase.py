"""The worst valid scenario: every count of schema.LIMITS at its limit, expressions near their length limit.

Used by tests/robustness/test_balance_limits.py and benchmarks/balance_limits.py. It starts from scaleup,
so the drift formulas are real ones, and grows it to 200 turns, 40 metrics, 60 actions, 120 events of 6
choices, 20 crises, 8 phases and 30 endings, with delays as long as allowed.
"""

from __future__ import annotations

import yaml

from game.scenario.schema import LIMITS


def long_sum(names: list[str], start: int, limit: int = 480) -> str:
    """A valid expression close to the length limit: a weighted sum over many metrics."""
    out, i = "0", start
    while True:
        term = f" + 0.001 * ({names[i % len(names)]} - 50)"
        if len(out) + len(term) > limit:
            return out
        out += term
        i += 1


def worst_scenario() -> dict:
    """A valid scenario with every count at its limit (scaleup's metrics and formulas at the core)."""
    from game.scenario.loader import BUILTIN_DIR

    data = yaml.safe_load((BUILTIN_DIR / "scaleup.yaml").read_text())
    data["id"] = "limits"
    data["turns"] = LIMITS["turns"]
    from game.scenario.defaults import CORE_METRICS

    metrics = data["metrics"]
    n_extra = LIMITS["metrics"] - len(set(CORE_METRICS) | set(metrics))  # the skill metrics are among the core
    for i in range(n_extra):
        metrics[f"extra{i}"] = {"start": 50, "drift": "0"}
    names = list(metrics)
    for i in range(n_extra):  # every extra metric drifts by a formula as long as allowed
        metrics[f"extra{i}"]["drift"] = f"0.01 * (morale - extra{i})" + long_sum(names, i, 450)[1:]
    span = LIMITS["turns"] // LIMITS["phases"]
    data["phases"] = [{"id": f"p{i}", "title": f"Phase {i}",
                       **({"starts_when": f"turn >= {i * span}"} if i else {}),
                       "weights": {"leadership": 1.5 - 0.1 * i, "management": 0.6 + 0.1 * i, "development": 1.0}}
                      for i in range(LIMITS["phases"])]
    for m in list(metrics):  # the formulas name scaleup's two phases
        d = metrics[m].get("drift")
        if isinstance(d, str):
            metrics[m]["drift"] = d.replace('"startup"', '"p0"').replace('"mature"', '"p4"')
    cats = ("leadership", "management", "development")
    data["actions"] = [{"id": f"a{i}", "title": f"Action {i}", "category": cats[i % 3],
                        "cost": {"budget": 1 + i % 3, "ap": 1},
                        "effects": {names[i % len(names)]: 3, names[(i + 7) % len(names)]: -1},
                        "delayed": [{"metric": names[(i + 3) % len(names)], "amount": 4,
                                     "after": 1 + i % 6, "over": LIMITS["delay"] - (1 + i % 6) + 1}],
                        "cooldown": i % 3, "diminishing": 0.7}
                       for i in range(LIMITS["actions"])]
    data["events"] = [{"id": f"e{i}", "title": f"Event {i}", "text": "Something happens.",
                       "when": f"turn >= {i % 50} and " + long_sum(names, i, 440) + " > -1000",
                       "probability": 0.2,
                       "choices": [{"id": f"c{j}", "label": f"Choice {j}", "result": "It went so.",
                                    "effects": {names[(i + j) % len(names)]: 2 - j}}
                                   for j in range(LIMITS["choices"])]}
                      for i in range(LIMITS["events"])]
    data["crises"] = [{"id": f"k{i}", "title": f"Crisis {i}", "text": "A crisis.",
                       "start": f"extra{i % n_extra} < {40 + i % 5} and " + long_sum(names, i, 440) + " > -1000",
                       "end": f"extra{i % n_extra} > 50 or " + long_sum(names, i + 1, 440) + " > 1000",
                       "per_turn": {"morale": -1, f"extra{i % n_extra}": 1}}
                      for i in range(LIMITS["crises"])]
    endings = data["endings"]
    extra_endings = [{"id": f"x{i}", "title": f"Ending {i}", "text": "So it ends.", "kind": "neutral",
                      "when": f"extra{i % n_extra} < {5 + i % 3} and " + long_sum(names, i, 440) + " > -1000"}
                     for i in range(LIMITS["endings"] - len(endings))]
    data["endings"] = extra_endings + endings
    data["effectiveness"] = {k: f"1 + 0.0001 * ({long_sum(names, j, 460)})" for j, k in enumerate(cats)}
    return data


def worst_text() -> bytes:
    return yaml.safe_dump(worst_scenario(), sort_keys=False).encode()
