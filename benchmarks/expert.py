"""The expert search on every built-in scenario: time, strength against every bot, and look-ahead gain.

    python benchmarks/expert.py                 # figures only (searches what is not cached yet)
    python benchmarks/expert.py --ship          # also redo the searches and write scenarios/expert/*.json
    python benchmarks/expert.py --rollouts      # also measure how much one-step look-ahead adds
    python benchmarks/expert.py startup mature  # only these scenarios

Run it with `nice -n 10` on a shared machine. The search is pinned to one core by the kernel itself
(numba without parallel loops); the times printed are wall-clock for that one core.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from game.analysis import expert  # noqa: E402
from game.model.batch import play_batch  # noqa: E402
from game.model.bots import heuristic_names, policy  # noqa: E402
from game.model.rules import compile_rules  # noqa: E402
from game.scenario.loader import builtin_names, load  # noqa: E402

SEED, RUNS = 777, 4000


def _win(rules, result) -> float:
    kinds = np.array([e.kind for e in rules.endings])[result.ending]
    return float((kinds == "win").mean())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--ship", action="store_true")
    ap.add_argument("--rollouts", action="store_true")
    ap.add_argument("--only", choices=[r for r in expert.RESTRICTIONS if r], help="only this restricted search")
    ap.add_argument("--no-bots", action="store_true", help="skip the heuristic bots' figures")
    args = ap.parse_args()
    for name in args.scenarios or builtin_names():
        rules = compile_rules(load(name).scenario)
        row = {"scenario": name}
        for restrict in ([args.only] if args.only else expert.RESTRICTIONS):
            t, cpu = time.perf_counter(), time.process_time()
            if args.ship:
                params = expert.search(rules, restrict)
                out = expert.shipped_dir() / f"{expert._name(rules, restrict)}.json"
                key = expert.content_key(rules, restrict)
                expert.write_params(out, rules, key, params, restrict)
            else:
                params = expert.params_for(rules, restrict)
            took, took_cpu = time.perf_counter() - t, time.process_time() - cpu
            res = expert.evaluate(rules, params, SEED, RUNS, restrict)
            label = restrict or "expert"
            row[label] = {"score": round(float(res.score.mean()), 1), "win": round(_win(rules, res), 3),
                          "search_s": round(took, 1), "search_cpu_s": round(took_cpu, 1)}
            if restrict is None:
                row["mix"] = expert.mix_by_phase(rules, res)
                if args.rollouts:
                    row["rollouts"] = expert.rollout_gain(rules, params)
        for bot in ([] if args.no_bots else heuristic_names()):
            res = play_batch(rules, policy(bot), SEED, RUNS)
            row[bot] = {"score": round(float(res.score.mean()), 1), "win": round(_win(rules, res), 3)}
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
