"""The `leadsim` command line: thin wrappers over the packages.

Each command lives in game/commands/<name>.py with `register(subparsers)`;
this module only wires them and turns expected failures into one-line
messages with a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import re
import importlib
import sys

from .saves import SaveError
from .scenario.problems import ScenarioError
from .session import DecisionError
from .workshop.files import WorkshopError

COMMANDS = ["list", "play", "validate", "simulate", "schema", "workshop", "debrief", "new", "balance", "review",
            "serve"]


class UsageError(Exception):
    """Bad arguments the parser could not catch; printed as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line and exit 2, with where to find the usage
        message = _with_suggestion(message)
        command = self.prog.removeprefix("leadsim").strip()
        hint = f"leadsim {command} --help" if command else "leadsim --help"
        print(f"leadsim: error: {message} (see {hint})", file=sys.stderr)
        sys.exit(2)


def _with_suggestion(message: str) -> str:
    """argparse's "invalid choice: 'plya' (choose from ...)" gains "did you mean 'play'?": a typo in a
    command or a choice is the commonest slip, and Python 3.11's argparse does not suggest."""
    found = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
    if not found:
        return message
    choices = re.findall(r"'([^']*)'", found.group(2))
    close = difflib.get_close_matches(found.group(1), choices, n=1) or [
        c for c in choices if c.lower() == found.group(1).lower()]
    return message + (f"; did you mean '{close[0]}'?" if close else "")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="leadsim", description="Leadsim: a training game about leadership and management.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(f".commands.{name.replace('-', '_')}", __package__).register(sub)
    return parser


_RUNS_GAMES = {"play", "simulate", "balance", "debrief", "review", "serve"}


def _plays_many(args) -> bool:
    """Commands that play many games wait for the compiled model (with a notice); one game does not."""
    return args.command in ("balance", "debrief", "review") or (args.command == "simulate" and args.runs > 1)


def _stays_open(args) -> bool:
    """Commands that run long enough for a compiler process to finish behind them (the game, the server)."""
    return args.command in ("play", "serve")


def main(argv: list[str] | None = None, background: bool = False) -> int:
    """Run one command. `background` (the real program start, run()): play at once while the
    compiled model is prepared behind the player's back; called from Python (tests, scripts), the
    model compiles on first use instead, as any numba code does."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        if args.command in _RUNS_GAMES:
            from .model import warmup

            if _plays_many(args):
                warmup.prepare(lambda notice: print(notice, file=sys.stderr, flush=True))
            elif background:  # play at once, uncompiled, while the machine code is prepared behind the player's back
                warmup.start_background(compiler=_stays_open(args))
        return int(args.func(args) or 0)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except (SaveError, DecisionError, UsageError, WorkshopError) as exc:
        print(f"leadsim: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, UsageError) else 1
    except KeyboardInterrupt:
        print("\nleadsim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def run() -> None:
    sys.exit(main(background=True))
