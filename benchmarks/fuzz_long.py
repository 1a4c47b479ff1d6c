"""The long robustness run: many more fuzz cases (heavy mutations included) and SIGKILLs.

    python benchmarks/fuzz_long.py [--scenarios 30000] [--saves 20000] [--results 10000]
                                   [--hostile 3000] [--kills 300] [--seed 1]

Uses the same mutators and checks as tests/robustness (fuzzkit.py, the kill test).
Prints figures per reader; exit status 1 if any case crashed, hung or lost a save.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("LEADSIM_HOME", tempfile.mkdtemp(prefix="leadsim-fuzz-"))

from robustness import fuzzkit, hostilekit  # noqa: E402
from robustness.test_saves_crash import kill_rounds  # noqa: E402


def show(name: str, tally: fuzzkit.Tally, elapsed: float) -> bool:
    print(f"{name}: {tally.cases} cases, {tally.accepted} accepted, {tally.refused} refused with a clear error, "
          f"{len(tally.crashes)} crashes/hangs, {elapsed:.1f} s, slowest case {tally.slowest:.2f} s of CPU "
          f"({tally.slowest_case}; longest {tally.slowest_wall:.2f} s of wall clock)")
    for label, what in tally.crashes[:15]:
        print(f"  CRASH {label}: {what}")
    return not tally.crashes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenarios", type=int, default=30_000)
    ap.add_argument("--saves", type=int, default=20_000)
    ap.add_argument("--results", type=int, default=10_000)
    ap.add_argument("--kills", type=int, default=300)
    ap.add_argument("--hostile", type=int, default=3000,
                    help="cases per target (results, workshops; a tenth for scenarios) with issue 11's mutations")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--budget", type=float, default=10.0, help="seconds per case before it counts as a hang")
    args = ap.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, run in [
            ("scenario loader", lambda: fuzzkit.fuzz_scenarios(args.scenarios, args.seed, args.budget,
                                                               builtin_share=0.2, heavy=True)),
            ("save loader", lambda: fuzzkit.fuzz_saves(args.saves, args.seed, tmp, args.budget)),
            ("result reader + verifier", lambda: fuzzkit.fuzz_results(args.results, args.seed, tmp, args.budget)),
        ]:
            t0 = time.perf_counter()
            tally = run()
            ok = show(name, tally, time.perf_counter() - t0) and ok
            print(f"  mutations: {dict(sorted(tally.ops.items()))}" if tally.ops else "", end="\n" if tally.ops else "")
        if args.hostile:
            world = hostilekit.arena(tmp / "hostile")
            for name, run in [
                ("hostile results", lambda: hostilekit.fuzz_results(args.hostile, args.seed, world, args.budget,
                                                                    report_every=500)),
                ("hostile workshops", lambda: hostilekit.fuzz_workshops(args.hostile, args.seed, world, args.budget)),
                ("hostile scenarios (play --text, simulate)",
                 lambda: hostilekit.fuzz_scenarios(max(1, args.hostile // 10), args.seed, world, args.budget * 4)),
            ]:
                t0 = time.perf_counter()
                tally = run()
                ok = show(name, tally, time.perf_counter() - t0) and ok
                print(f"  fields/mutations: {dict(sorted(tally.ops.items()))}")
            print("  files opened outside the allowed folders: 0 (any would be listed as a crash above)")
        if args.kills:
            kills = tmp / "kills"
            kills.mkdir()
            t0 = time.perf_counter()
            fig = kill_rounds(kills, args.kills, 4, args.seed)
            print(f"SIGKILL while saving: {fig['kills']} kills, {fig['readable']} previous saves readable, "
                  f"longest saved game {fig['max_turn']} turns, {fig['temp_files_left']} temp files left behind, "
                  f"{time.perf_counter() - t0:.1f} s")
            ok = ok and fig["kills"] == fig["readable"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
