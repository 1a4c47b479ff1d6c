"""How long `leadsim balance` takes on the worst valid scenario (every count at its documented limit,
tests/robustness/worstcase.py), and how honest its progress bar's estimate of the time left is.

Prints the time with the runs `leadsim balance` picks by default, the time the old default (10,000 per bot)
would have taken, and the bar's estimate of the time left at 10 %...90 % of the run against the real one,
weighted by work (as the bar counts now) and by games (as it counted before).

    python benchmarks/balance_limits.py [--runs N] [--write FILE]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from robustness.worstcase import worst_text  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=None, help="games per bot (default: what `leadsim balance` picks)")
    ap.add_argument("--write", metavar="FILE", help="also write the scenario here (YAML)")
    ap.add_argument("--scenario", help="time this scenario instead (a built-in name or a file)")
    args = ap.parse_args()
    text = worst_text()
    if args.write:
        Path(args.write).write_bytes(text)
    from rich.progress import Progress

    from game.analysis.balance import analyze
    from game.commands.balance import DEFAULT_RUNS, _costs, default_runs, one_action_runs
    from game.model import warmup
    from game.model.bots import policy_names
    from game.model.rules import compile_rules
    from game.scenario.loader import load, load_text_bytes

    warmup.prepare(lambda notice: print(notice, file=sys.stderr))
    loaded = load(args.scenario) if args.scenario else load_text_bytes(text, "limits.yaml")
    sc = loaded.scenario
    print(f"scenario {sc.id}: {sc.turns} turns, {len(sc.metrics)} metrics, {len(sc.actions)} actions, "
          f"{len(sc.events)} events, {len(sc.crises)} crises, {len(sc.phases)} phases, {len(sc.endings)} endings")
    rules = compile_rules(sc)
    names = policy_names()
    analyze(rules, 4, 1, names, one_action_runs=4)  # compile everything once
    runs = args.runs or default_runs(sc)
    n1 = one_action_runs(sc, runs)
    t0 = time.perf_counter()
    cost = _costs(rules, names, 1)
    calibration = time.perf_counter() - t0
    # Two bars, as `leadsim balance` would show them: by work (weighted, what it shows now) and by games.
    bar = Progress(disable=True)
    weighted = bar.add_task("w", total=runs * sum(cost(n) for n in names) + n1 * len(rules.actions) * cost("only"))
    games = bar.add_task("g", total=runs * len(names) + n1 * len(rules.actions))
    samples: list[tuple[float, float | None, float | None]] = []
    start = time.perf_counter()
    per_label: dict[str, float] = {}
    last = [start]

    def progress(label: str, n: int) -> None:
        now = time.perf_counter()
        per_label[label] = per_label.get(label, 0.0) + now - last[0]
        last[0] = now
        bar.update(weighted, advance=n * cost(label))
        bar.update(games, advance=n)
        samples.append((now - start, bar.tasks[0].time_remaining, bar.tasks[1].time_remaining))

    analyze(rules, runs, 1, names, progress=progress, one_action_runs=n1)
    took = time.perf_counter() - start
    bots = sum(v for k, v in per_label.items() if not k.startswith("only"))
    print(f"balance: {runs:,} games per bot ({len(names)} bots), {n1:,} per one-action bot ({len(rules.actions)}): "
          f"{took:.1f} s (bots {bots:.1f} s, one-action bots {took - bots:.1f} s), "
          f"plus {calibration:.1f} s measuring the bar's weights (greedy/random {cost('adaptive'):.2f})")
    per_bot_game = bots / (runs * len(names))
    per_one_game = (took - bots) / (n1 * len(rules.actions))
    before = per_bot_game * DEFAULT_RUNS * len(names) + per_one_game * min(DEFAULT_RUNS, 2000) * len(rules.actions)
    print(f"the same at the old default (10,000 per bot, 2,000 per action), extrapolated: {before / 60:.1f} min")
    print("estimated time left against the real one (by work | by games):")
    for share in (0.1, 0.25, 0.5, 0.75, 0.9):
        at, w, g = min(samples, key=lambda x: abs(x[0] - share * took))
        real = took - at
        fmt = lambda v: "-" if v is None else f"{v:6.1f} s ({v / real:4.2f}x)"  # noqa: E731
        print(f"  at {at:6.1f} s: real {real:6.1f} s, by work {fmt(w)}, by games {fmt(g)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
