"""leadsim list: the built-in scenarios."""

from __future__ import annotations

from ..scenario.loader import builtin_names, load
from ..scenario.problems import ScenarioError


def register(sub) -> None:
    p = sub.add_parser("list", help="list the built-in scenarios")
    p.set_defaults(func=run)


def run(args) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Built-in scenarios", show_lines=False)
    table.add_column("name", style="bold cyan")
    table.add_column("title")
    table.add_column("turns", justify="right")
    table.add_column("summary")
    bad = 0
    for name in builtin_names():
        try:
            s = load(name).scenario
        except ScenarioError as exc:
            table.add_row(name, "[red]does not load[/red]", "", str(exc.problems[0].message))
            bad += 1
            continue
        table.add_row(name, s.title, str(s.turns), s.summary)
    Console().print(table)
    return 1 if bad else 0
