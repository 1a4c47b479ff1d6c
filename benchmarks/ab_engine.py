"""Two versions of the model, measured in turns, many times, in one run: is B as fast as A?

    python benchmarks/ab_engine.py OLD_TREE [NEW_TREE] [--rounds 20] [--runs 20000] [--single 100]

OLD_TREE and NEW_TREE are checkouts of the game (NEW_TREE defaults to this
one), e.g. `git worktree add --detach /tmp/old 7671122`. Each gets a worker
process of its own (its `game` package first on the path, its own numba
cache), which loads the compiled model once and then plays on command: the
batch (RUNS games of `scaleup`, or --scenario, by the random bot, in chunks as the game plays
them) or the single games (the first SINGLE of those games one at a time, as
the interactive game plays them). The two workers take turns: each round
measures A then B, the next B then A, so a neighbour's burst of work falls on
both alike; only one worker plays at a time.

Each measurement is the worker's own CPU time (time.process_time), which the
other tenants of a shared machine disturb far less than the wall clock. A
round's figure is B's CPU time per run-turn divided by A's in the same round,
so slow periods cancel out; the script prints the median of those ratios with a
95 % interval for it (bootstrap), their spread (quartiles, lowest and highest)
and the CPU time per game of each side.
The last line is machine-readable.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS")


def worker(runs: int, single: int, scenario: str) -> None:
    """Play on command (a line "batch" or "single" on stdin); answer with a JSON line of CPU and wall time."""
    from game.model.batch import play_batch, play_to_end
    from game.model.bots import policy
    from game.model.rules import compile_rules
    from game.model.state import new_state
    from game.scenario.loader import load

    rules, decide, seed = compile_rules(load(scenario).scenario), policy("random"), 1

    def batch() -> int:
        return int(play_batch(rules, decide, seed, runs).ended_at.sum())

    def one_at_a_time() -> int:
        turns = 0
        for i in range(single):
            state = new_state(rules, seed, 1, first_run=i)
            play_to_end(rules, state, decide)
            turns += int(state.ended_at[0])
        return turns

    play_batch(rules, decide, seed, 2000)  # compile or load the machine code, warm the caches
    one_at_a_time()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        what = line.strip()
        fn, games = (batch, runs) if what == "batch" else (one_at_a_time, single)
        w0, c0 = time.perf_counter(), time.process_time()
        turns = fn()
        print(json.dumps({"what": what, "cpu": time.process_time() - c0, "wall": time.perf_counter() - w0,
                          "run_turns": turns, "games": games}), flush=True)


class Side:
    def __init__(self, label: str, tree: str, runs: int, single: int, scenario: str):
        self.label, self.tree = label, os.path.abspath(tree)
        env = dict(os.environ, PYTHONPATH=self.tree, **{v: "1" for v in THREADS})
        command = [sys.executable, os.path.abspath(__file__), "--worker", "--runs", str(runs), "--single",
                   str(single), "--scenario", scenario]
        self.proc = subprocess.Popen(command, cwd=self.tree, env=env, text=True, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        self.results: dict[str, list[dict]] = {"batch": [], "single": []}

    def wait_ready(self) -> None:
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"error: the worker for {self.tree} stopped before it was ready")

    def measure(self, what: str) -> dict:
        self.proc.stdin.write(what + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"error: the worker for {self.tree} stopped")
        out = json.loads(line)
        self.results[what].append(out)
        return out

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(30)


def median_interval(values: list[float], draws: int = 4000, seed: int = 0) -> tuple[float, float]:
    """A 95 % interval for the median: the 2.5th and 97.5th percentiles of resamples' medians (bootstrap)."""
    rnd = random.Random(seed)
    meds = sorted(statistics.median(rnd.choices(values, k=len(values))) for _ in range(draws))
    return meds[int(0.025 * draws)], meds[int(0.975 * draws) - 1]


def _spread(values: list[float]) -> str:
    q = statistics.quantiles(values, n=4) if len(values) >= 2 else [values[0]] * 3
    low, high = median_interval(values)
    return (f"median {statistics.median(values):+.1%} (95 % interval {low:+.1%} .. {high:+.1%}), "
            f"quartiles {q[0]:+.1%} .. {q[2]:+.1%}, range {min(values):+.1%} .. {max(values):+.1%}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", nargs="?", help="checkout A (the one to compare with)")
    ap.add_argument("new", nargs="?", default=HERE, help="checkout B (default: this one)")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--runs", type=int, default=20_000, help="games in each batch measurement")
    ap.add_argument("--single", type=int, default=100, help="games played one at a time per measurement")
    ap.add_argument("--scenario", default="scaleup",
                    help="a built-in (each checkout plays its own copy) or a file both play (same games)")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.runs, args.single, args.scenario)
        return 0
    if args.old is None:
        ap.error("name checkout A, e.g. a git worktree of the commit to compare with")
    for tree in (args.old, args.new):
        if not os.path.isfile(os.path.join(tree, "game", "model", "kernel.py")):
            print(f"error: {tree} is not a checkout of the game (no game/model/kernel.py)", file=sys.stderr)
            return 2
    if args.rounds < 1 or args.runs < 1 or args.single < 1:
        print("error: --rounds, --runs and --single must be at least 1", file=sys.stderr)
        return 2
    scenario = os.path.abspath(args.scenario) if os.path.exists(args.scenario) else args.scenario
    a, b = (Side(label, tree, args.runs, args.single, scenario)
            for label, tree in (("A", args.old), ("B", args.new)))
    try:
        for side in (a, b):
            side.wait_ready()
        load0 = os.getloadavg()[0]
        ratios: dict[str, list[float]] = {"batch": [], "single": []}
        for rnd in range(args.rounds):
            order = (a, b) if rnd % 2 == 0 else (b, a)
            for what in ("batch", "single"):
                got = {side.label: side.measure(what) for side in order}
                per = {k: v["cpu"] / v["run_turns"] for k, v in got.items()}
                if got["A"]["run_turns"] != got["B"]["run_turns"] and rnd == 0:
                    print(f"note: the two play different games ({what}: {got['A']['run_turns']} against "
                          f"{got['B']['run_turns']} run-turns; the rules or the scenario changed): "
                          "compared per run-turn", flush=True)
                ratios[what].append(per["B"] / per["A"] - 1.0)  # > 0: B takes more CPU per run-turn
            print(f"round {rnd + 1}/{args.rounds}: batch B/A {ratios['batch'][-1]:+.1%}, "
                  f"single {ratios['single'][-1]:+.1%} (load {os.getloadavg()[0]:.1f})", flush=True)
        load1 = os.getloadavg()[0]
    finally:
        a.close()
        b.close()
    print(f"A = {a.tree}\nB = {b.tree}\nscenario {scenario}, random bot; {args.rounds} rounds, "
          f"alternating A/B; load average {load0:.1f} -> {load1:.1f} on {os.cpu_count()} cores")
    summary = {}
    for what, games in (("batch", args.runs), ("single", args.single)):
        for side in (a, b):
            res = side.results[what]
            ms = [r["cpu"] / r["games"] * 1e3 for r in res]
            rate = [r["run_turns"] / r["cpu"] for r in res]
            print(f"{what:6s} {side.label}: {res[0]['run_turns']} run-turns in {games} games; CPU per game "
                  f"median {statistics.median(ms):.4f} ms (range {min(ms):.4f} .. {max(ms):.4f}); "
                  f"{statistics.median(rate):,.0f} run-turns per CPU second")
        print(f"{what:6s} B against A, CPU time per run-turn: {_spread(ratios[what])}")
        summary[what] = statistics.median(ratios[what])
    print(f"AB batch_cpu_change={summary['batch']:+.4f} single_cpu_change={summary['single']:+.4f} "
          f"rounds={args.rounds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
