"""How fast the batch model plays: run-turns per second, batched and one run at a time.

    python benchmarks/bench_engine.py [--runs N] [--single N] [--repeat K] [--profile]

Plays the `scaleup` scenario with the random bot. The batch figure plays N runs
through play_batch (chunked, so memory stays bounded); the single figure plays
the first few of the same games one run at a time (R=1), in the same process.
Each is measured K times and the best is kept: on a shared machine the other
tenants only ever make a measurement slower. A run-turn is one turn of one
game. The last line is machine-readable.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
# One core: keep numpy's BLAS from starting helper threads (the kernel itself is single-threaded).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

from game.model.batch import play_batch, play_to_end  # noqa: E402
from game.model.bots import policy  # noqa: E402
from game.model.rules import compile_rules  # noqa: E402
from game.model.state import new_state  # noqa: E402
from game.scenario.loader import load  # noqa: E402


def batch_rate(rules, decide, runs: int, seed: int) -> tuple[float, int]:
    t0 = time.perf_counter()
    result = play_batch(rules, decide, seed, runs)
    elapsed = time.perf_counter() - t0
    run_turns = int(result.ended_at.sum())
    return run_turns / elapsed, run_turns


def single_rate(rules, decide, runs: int, seed: int) -> tuple[float, int]:
    run_turns = 0
    t0 = time.perf_counter()
    for i in range(runs):
        state = new_state(rules, seed, 1, first_run=i)
        play_to_end(rules, state, decide)
        run_turns += int(state.ended_at[0])
    return run_turns / (time.perf_counter() - t0), run_turns


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=200_000, help="runs in the large batch")
    ap.add_argument("--single", type=int, default=200, help="runs played one at a time")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="measurements of each figure; the best is kept")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the batch")
    args = ap.parse_args()
    rules = compile_rules(load("scaleup").scenario)
    decide = policy("random")
    play_batch(rules, decide, args.seed, 2000)  # compile (or load) the kernel, warm up caches and imports
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        play_batch(rules, decide, args.seed, args.runs)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    batch, bt = max(batch_rate(rules, decide, args.runs, args.seed) for _ in range(args.repeat))
    single, st = max(single_rate(rules, decide, args.single, args.seed) for _ in range(args.repeat))
    print(f"scaleup, random bot, numpy {np.__version__}")
    print(f"batch:  {args.runs} runs, {bt} run-turns, {batch:,.0f} run-turns/s (best of {args.repeat})")
    print(f"single: {args.single} runs, {st} run-turns, {single:,.0f} run-turns/s (best of {args.repeat})")
    print(f"batch_run_turns_per_s={batch:.0f} single_run_turns_per_s={single:.0f} ratio={batch / single:.1f}")


if __name__ == "__main__":
    main()
