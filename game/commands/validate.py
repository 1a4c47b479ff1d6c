"""leadsim validate FILE...: check scenario files, one line per problem."""

from __future__ import annotations

import sys

from ..plaintext import plain
from ..scenario.loader import load
from ..scenario.problems import ScenarioError


def register(sub) -> None:
    p = sub.add_parser("validate", help="check scenario files and report every problem")
    p.add_argument("files", nargs="+", metavar="FILE", help="scenario files (or built-in names)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(func=run)


def run(args) -> int:
    failed = 0
    for name in args.files:
        try:
            loaded = load(name)
        except ScenarioError as exc:
            failed += 1
            for problem in exc.problems:
                print(plain(problem, markup=False), file=sys.stderr)
            continue
        for warning in loaded.warnings:
            print(plain(warning, markup=False), file=sys.stderr)
        if args.strict and loaded.warnings:
            failed += 1
            print(f"{plain(name, markup=False)}: {len(loaded.warnings)} warning(s) count as errors with --strict", file=sys.stderr)
            continue
        print(plain(f"{name}: ok ({loaded.scenario.title}, {loaded.scenario.turns} turns, "
                    f"{len(loaded.scenario.actions)} actions, {len(loaded.scenario.events)} events)", markup=False))
    if len(args.files) > 1:
        print(f"{len(args.files) - failed} of {len(args.files)} files valid", file=sys.stderr)
    return 1 if failed else 0
