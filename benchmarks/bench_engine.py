"""How fast the batch model plays: run-turns per second, batched and one run at a time.

    python benchmarks/bench_engine.py [--runs N] [--single N] [--repeat K] [--profile]

Plays the `scaleup` scenario with the random bot. The batch figure plays N runs
through play_batch (chunked, so memory stays bounded); the single figure plays
the first few of the same games one run at a time (R=1), in the same process.
Each is measured K times and the best is kept: on a shared machine the other
tenants only ever make a measurement slower. Rates are given per second of
wall time and per second of this process's own CPU time: on a crowded machine
the first mostly measures the neighbours, the second much less (compare
commits with it). A run-turn is one turn of one game. The first line names the
CPU and the vector instructions it offers (the kernel runs about 1.7x faster
with AVX-512 than with AVX2 alone); the last line is machine-readable.
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


def cpu_features(path: str = "/proc/cpuinfo") -> tuple[str, list[str]]:
    """The CPU's model name and which of the vector instruction sets that matter here it has."""
    name, flags = "unknown CPU", set()
    try:
        with open(path) as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key.strip() == "model name" and name == "unknown CPU":
                    name = value.strip()
                elif key.strip() == "flags":
                    flags = set(value.split())
                    break
    except OSError:
        pass
    wanted = ("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512vl")
    return name, [f for f in wanted if f in flags]


def _timed(fn) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def batch_rate(rules, decide, runs: int, seed: int) -> tuple[float, float, int]:
    """(run-turns per wall second, per CPU second, run-turns)."""
    out = []
    wall, cpu = _timed(lambda: out.append(play_batch(rules, decide, seed, runs)))
    run_turns = int(out[0].ended_at.sum())
    return run_turns / wall, run_turns / cpu, run_turns


def single_rate(rules, decide, runs: int, seed: int) -> tuple[float, float, int]:
    run_turns = [0]

    def play():
        for i in range(runs):
            state = new_state(rules, seed, 1, first_run=i)
            play_to_end(rules, state, decide)
            run_turns[0] += int(state.ended_at[0])

    wall, cpu = _timed(play)
    return run_turns[0] / wall, run_turns[0] / cpu, run_turns[0]


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
    batches = [batch_rate(rules, decide, args.runs, args.seed) for _ in range(args.repeat)]
    singles = [single_rate(rules, decide, args.single, args.seed) for _ in range(args.repeat)]
    batch, batch_cpu, bt = max(b[0] for b in batches), max(b[1] for b in batches), batches[0][2]
    single, single_cpu, st = max(s[0] for s in singles), max(s[1] for s in singles), singles[0][2]
    name, vector = cpu_features()
    import numba

    print(f"CPU: {name}; vector instructions: {', '.join(vector) or 'none found'}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"scaleup, random bot, numpy {np.__version__}, numba {numba.__version__}")
    print(f"batch:  {args.runs} runs, {bt} run-turns, {batch:,.0f} run-turns/s, {batch_cpu:,.0f} per CPU second "
          f"(best of {args.repeat})")
    print(f"single: {args.single} runs, {st} run-turns, {single:,.0f} run-turns/s, {single_cpu:,.0f} per CPU second "
          f"(best of {args.repeat})")
    print(f"batch_run_turns_per_s={batch:.0f} single_run_turns_per_s={single:.0f} ratio={batch / single:.1f} "
          f"batch_per_cpu_s={batch_cpu:.0f} single_per_cpu_s={single_cpu:.0f} "
          f"avx2={int('avx2' in vector)} avx512f={int('avx512f' in vector)}")


if __name__ == "__main__":
    main()
