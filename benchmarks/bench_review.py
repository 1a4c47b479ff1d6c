"""How long `leadsim review` takes for a whole 30-turn game on one core.

    python benchmarks/bench_review.py [--seed N] [--bot NAME] [--repeat K]

Plays the `scaleup` scenario (30 turns, 3 action points, up to ~1700 legal
decisions a turn) with a bot, then reviews the game: every legal decision of
every turn played on by the strong bot. Each review is timed K times and the
best kept (other tenants of a shared machine only make a measurement slower).
The target is 30 s; the last line is machine-readable.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says

from game.analysis.review import review  # noqa: E402
from game.autoplay import play_bot  # noqa: E402
from game.scenario.loader import load  # noqa: E402
from game.session import Session  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--bot", default="balanced", help="who plays the game that is reviewed")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    session = play_bot(Session(load("scaleup"), args.seed), args.bot)
    review(play_bot(Session(load("tutorial"), 1), "random"))  # compile and warm the caches first
    best, result = float("inf"), None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        result = review(session)
        best = min(best, time.perf_counter() - t0)
    tried = sum(t.candidates for t in result.turns)
    print(f"scaleup seed {args.seed}, {args.bot} game: {len(result.turns)} turns, {tried} candidate decisions "
          f"played to the end ({tried / len(result.turns):.0f} a turn)")
    print(f"review time (best of {args.repeat}, one core): {best:.2f} s (target 30 s)")
    print(f"REVIEW seconds={best:.3f} turns={len(result.turns)} candidates={tried}")


if __name__ == "__main__":
    main()
