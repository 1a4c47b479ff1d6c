"""leadsim balance SCENARIO: every bot plays many games; is the scenario fair, does it teach?"""

from __future__ import annotations

from pathlib import Path

from .argtypes import runs_count

DEFAULT_RUNS = 10_000  # games per bot for scenarios up to the size of the built-in ones
MIN_RUNS = 1_000  # the fewest a default gives: win rates within about 3 points (95 %)
REFERENCE_WORK = 30.1  # work of one game of the largest built-in scenario (scaleup, 30 x 1.002 since its exhaustion metric), see game_work
ONE_ACTION_GAMES = 30_000  # games of all one-action bots together, for a scenario of the reference work
MIN_ONE_ACTION_RUNS = 300  # a dominant single action (60 % wins) still stands out clearly


def game_work(scenario) -> float:
    """How much computing one game of `scenario` takes, in turns of a built-in scenario.

    Deterministic (from the file alone), so the same scenario gets the same number of runs on every
    machine. Fitted to `benchmarks/balance_limits.py`: a turn costs a fixed part plus a part that grows
    with what the model evaluates each turn (metrics, actions, events, crises, endings).
    """
    size = (len(scenario.metrics) + len(scenario.actions) + len(scenario.events) + len(scenario.crises)
            + len(scenario.endings))
    return scenario.turns * (0.75 + 0.006 * size)


def default_runs(scenario) -> int:
    """10,000 games per bot up to the built-ins' size; fewer for bigger scenarios, so any valid one balances in
    minutes (never fewer than MIN_RUNS)."""
    runs = int(DEFAULT_RUNS * REFERENCE_WORK / game_work(scenario)) // 100 * 100
    return max(MIN_RUNS, min(DEFAULT_RUNS, runs))


def one_action_runs(scenario, runs: int) -> int:
    """Games per one-action bot: at most 2,000 and at most runs; fewer when there are many actions or a game is long."""
    budget = ONE_ACTION_GAMES * min(1.0, REFERENCE_WORK / game_work(scenario))
    return min(runs, max(MIN_ONE_ACTION_RUNS, min(2000, int(budget) // max(1, len(scenario.actions)))))


def register(sub) -> None:
    from ..model.bots import heuristic_names

    p = sub.add_parser("balance", help="let every bot play a scenario many times and report balance")
    p.add_argument("scenario", metavar="SCENARIO", help="built-in name or path to a .yaml file")
    p.add_argument("--runs", type=runs_count, default=None,
                   help=f"games per bot (default {DEFAULT_RUNS:,}; fewer, at least {MIN_RUNS:,}, for scenarios larger "
                        "than the built-in ones, so that balance finishes in minutes)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--report", metavar="DIR", help="also write an HTML page with its charts (also as SVG files) and balance.json here")
    p.add_argument("--policies", nargs="+", metavar="BOT",
                   help=f"heuristic bots to run (default all: {', '.join(heuristic_names())})")
    p.add_argument("--no-expert", action="store_true",
                   help="skip strong play (the expert, the restricted bests, the best fixed routine); the "
                        "verdict then comes from the heuristic bots only")
    p.add_argument("--expert", action="store_true",
                   help="search and play strong play even on a scenario larger than the built-in ones, where it is "
                        "skipped by default (its first search can take an hour at the documented limits)")
    p.add_argument("--json", action="store_true", help="print all figures as JSON instead of the summary")
    p.set_defaults(func=run)


def run(args) -> int:
    import json
    import sys

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    from ..analysis.balance import analyze, public
    from ..analysis.report import print_summary, write_report
    from ..cli import UsageError
    from ..analysis.strong import STRONG
    from ..model.bots import heuristic_names, policy
    from ..model.rules import compile_rules
    from ..plaintext import plain
    from ..scenario.loader import load

    names = args.policies or heuristic_names()
    strong = not args.no_expert
    for name in names:
        try:
            policy(name)
        except KeyError as exc:
            raise UsageError(exc.args[0]) from None
    report = Path(args.report) if args.report else None
    if report is not None and report.exists() and not report.is_dir():
        raise UsageError(f"--report {report}: this is a file; name a folder")
    loaded = load(args.scenario)
    console = Console(stderr=args.json)
    for w in loaded.warnings:
        console.print(f"[yellow]{plain(str(w))}[/yellow]", highlight=False)
    rules = compile_rules(loaded.scenario)
    runs = args.runs or default_runs(loaded.scenario)
    n1 = one_action_runs(loaded.scenario, runs)
    large = default_runs(loaded.scenario) < DEFAULT_RUNS
    if args.runs is None and large:
        console.print(f"This scenario is large: each bot plays {runs:,} games instead of {DEFAULT_RUNS:,} "
                      f"(and {n1:,} per single action); --runs N plays more.", highlight=False)
    if large and strong and not args.expert:
        strong = False  # the expert searches scale with the scenario: over an hour at the limits
        console.print("Strong play (the expert and the restricted bests) is skipped for a scenario this large, so "
                      "the verdict comes from the heuristic bots only; --expert searches it (this can take an hour).",
                      highlight=False)
    playing = names + ([n for n in STRONG if n not in names] if strong else [])
    cost = _costs(rules, playing, args.seed)  # finds (or loads) the expert strategies first, if asked for
    total = runs * sum(cost(n) for n in playing) + n1 * len(rules.actions) * cost("only")
    with Progress(TextColumn("{task.description:<24}"), BarColumn(), TaskProgressColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("starting", total=total)

        def progress(label: str, n: int) -> None:
            bar.update(task, advance=n * cost(label), description=label)

        fig = analyze(rules, runs, args.seed, names, progress=progress, one_action_runs=n1, strong=strong)
    if args.json:
        print(json.dumps(public(fig), indent=1, sort_keys=True))
    else:
        print_summary(fig, console)
    if report is not None:
        try:
            files = write_report(fig, report)
        except OSError as exc:
            raise UsageError(f"cannot write the report to {report}: {exc.strerror}") from None
        print(f"report: {files[-1]}", file=sys.stderr)
    return 0


CALIBRATION_GAMES = 64


def _costs(rules, names: list[str], seed: int):
    """The time a game takes for each bot, measured on a few games of this scenario (about 3 % of the run), so the
    progress bar advances by work done, not by games: a greedy bot's game can cost three times a random one's,
    and a bot that loses early plays shorter games. The calibration games are not part of the figures."""
    import time

    from ..analysis.balance import one_action_bot
    from ..model.batch import play_batch
    from ..model.bots import policy

    def measure(decide) -> float:
        start = time.perf_counter()
        play_batch(rules, decide, seed + 1, CALIBRATION_GAMES, chunk=CALIBRATION_GAMES)
        return max(time.perf_counter() - start, 1e-6)

    cost = {name: measure(policy(name)) for name in names}
    cost["only"] = measure(one_action_bot(0)) if rules.actions else 1.0
    unit = min(cost.values())
    return lambda label: cost["only" if label.startswith("only") else label] / unit
