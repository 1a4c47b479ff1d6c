"""leadsim balance SCENARIO: every bot plays many games; is the scenario fair, does it teach?"""

from __future__ import annotations

from pathlib import Path

from .argtypes import runs_count

DEFAULT_RUNS = 10_000


def register(sub) -> None:
    from ..model.bots import policy_names

    p = sub.add_parser("balance", help="let every bot play a scenario many times and report balance")
    p.add_argument("scenario", metavar="SCENARIO", help="built-in name or path to a .yaml file")
    p.add_argument("--runs", type=runs_count, default=DEFAULT_RUNS, help=f"games per bot (default {DEFAULT_RUNS})")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--report", metavar="DIR", help="also write an HTML page, PNG charts and balance.json here")
    p.add_argument("--policies", nargs="+", metavar="BOT",
                   help=f"bots to run (default all: {', '.join(policy_names())})")
    p.add_argument("--json", action="store_true", help="print all figures as JSON instead of the summary")
    p.set_defaults(func=run)


def run(args) -> int:
    import json
    import sys

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from ..analysis.balance import analyze, public
    from ..analysis.report import print_summary, write_report
    from ..cli import UsageError
    from ..model.bots import policy, policy_names
    from ..model.rules import compile_rules
    from ..scenario.loader import load

    names = args.policies or policy_names()
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
        console.print(f"[yellow]{w}[/yellow]", highlight=False)
    rules = compile_rules(loaded.scenario)
    n_one = min(args.runs, 2000) * len(rules.actions)
    total = args.runs * len(names) + n_one
    with Progress(TextColumn("{task.description:<24}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("starting", total=total)

        def progress(label: str, n: int) -> None:
            bar.update(task, advance=n, description=label)

        fig = analyze(rules, args.runs, args.seed, names, progress=progress)
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
