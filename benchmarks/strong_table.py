"""The built-ins' figures under strong play, as the table in docs/authoring.md prints them.

    nice -n 10 python benchmarks/strong_table.py                 # every built-in, 2,000 games per strategy
    nice -n 10 python benchmarks/strong_table.py mature --runs 4000

The figures are `leadsim balance NAME --json --seed 1` (analysis.balance.analyze): the expert and the
restricted bests from their shipped searches, fresh games of every heuristic bot and of one action every
turn. Printed as the table's rows, so that a retune ends with the table brought up to date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.analysis.balance import analyze  # noqa: E402
from game.model.bots import EXPERTS  # noqa: E402
from game.model.rules import compile_rules  # noqa: E402
from game.scenario.loader import builtin_names, load  # noqa: E402

HEADER = ("| scenario | expert (win) | no management (win) | no leadership (win) | no development | "
          "margins mix / lead / dev | random win (lost) | adaptive win | best heuristic bot |\n"
          "|---|---|---|---|---|---|---|---|---|")


def rows(name: str, runs: int, seed: int) -> list[str]:
    fig = analyze(compile_rules(load(name).scenario), runs=runs, seed=seed)
    bots = fig["bots"]

    def sc(bot: str) -> float:
        return bots[bot]["score_mean"]

    ex, nm, nl, nd = (sc(b) for b in EXPERTS)
    heur = {b: v["score_mean"] for b, v in bots.items() if b not in EXPERTS}
    best = max(heur, key=heur.get)
    r = bots["random"]
    first = (f"| {name} | {ex:.0f} ({bots['expert']['win_rate']:.0%}) | {nm:.0f} "
             f"({bots['expert-no-management']['win_rate']:.0%}) | {nl:.0f} "
             f"({bots['expert-no-leadership']['win_rate']:.0%}) | {nd:.0f} | "
             f"+{ex - nm:.0f} / +{ex - nl:.0f} / +{ex - nd:.0f} | {r['win_rate']:.0%} ({r['loss_rate']:.0%} lost) | "
             f"{bots['adaptive']['win_rate']:.0%} | {best} {heur[best]:.0f} |")
    mix = "; ".join(f"{ph}: {m['leadership']:.0f} L / {m['management']:.0f} M / {m['development']:.0f} D"
                    for ph, m in sorted(bots["expert"]["mix_by_phase"].items()))
    reach = []
    players = {b: v["endings"] for b, v in bots.items()}
    players.update({f"only {a}": v["endings"] for a, v in fig["one_action"].items()})
    for e in load(name).scenario.endings:
        rates = {p: (end.get(e.id, {}).get("rate", 0.0) if isinstance(end.get(e.id), dict) else end.get(e.id, 0.0))
                 for p, end in players.items()}
        who = max(rates, key=rates.get)
        if rates[who] > 0:
            reach.append(f"{e.id} {rates[who]:.0%} ({who})")
    pad = " | | | | | | | |"
    return [first, f"|  | expert's actions per game: {mix}{pad}",
            f"|  | endings (most often, by whom): {'; '.join(reach)}{pad}"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--runs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print(HEADER)
    for name in args.scenarios or builtin_names():
        print("\n".join(rows(name, args.runs, args.seed)), flush=True)


if __name__ == "__main__":
    main()
