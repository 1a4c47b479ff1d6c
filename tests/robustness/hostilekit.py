"""Fuzzing with the mutations of issue 11: hostile paths, markup, escapes, formulas, huge and non-finite values.

Three targets, each fed files built from real ones:
- result files, judged by `verify_all` beside a valid result that must still verify (and, for a
  sample, written into a report whose CSV must hold no formula);
- workshop files, read and their scenario loaded, as `play --workshop` does;
- scenario files on disk, loaded through `loader.load` and, when valid, shown through the terminal
  (briefing, a turn, the end) into a console without colours: any ESC or BEL in the output came
  from the file.
Every case runs under a time budget (a hang is a failure) and under an audit hook that records every
file opened; a file opened outside the allowed folders (the case's own folder, the built-in
scenarios, Python and its packages) is a failure, and so is any exception but the reader's own error.
Shared by tests/robustness/test_fuzz_hostile.py and benchmarks/fuzz_long.py (--hostile N).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import random
import site
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import fuzzkit

PATHS = ["/etc/shadow", "/etc/passwd", "../outside/secret.yaml", "sub/../../outside/secret.yaml", "/dev/zero",
         "/dev/stdin", "/dev/urandom", "/proc/self/environ", "link.yaml", "sub/up.yaml", "pipe.yaml", "x" * 5000,
         "small.yaml\x00", "~/secret.yaml", "C:\\secret.yaml", "\\\\server\\share\\s.yaml", "", ".", "..", "sub",
         "./small.yaml", "sub/../small.yaml", "%2e%2e/outside/secret.yaml", "{outside}/secret.yaml", "file:///etc/passwd",
         "small.yaml/..", "loop.yaml"]
TEXTS = ["[/bold]", "[bold]x", "[link=file:///etc/passwd]x[/link]", "$\\frac$", "$x^", "=HYPERLINK(\"http://e\")",
         "+1+1", "-2+3", "@SUM(A1)", "\tx", "\x1b[2J", "\x1b]0;owned\x07", "\x9b31m", "a\x08b", "\u202eevil", "Red\nBlue",
         "<img src=/etc/passwd>", "&amp;", "x" * 100_000, "x" * 41, "", " ", "Red", "red", "Blue", "..", "ÄÖÜ éè 中文"]
NUMBERS = [float("nan"), float("inf"), float("-inf"), 1e308, -1e308, 10 ** 400, 2 ** 64, -5, 0, 5, 3601, True, False,
           "60", 60.5, None, [], {}]
FIELDS = {
    "result": {"scenario": PATHS, "team": TEXTS, "workshop": TEXTS, "policy": TEXTS + [5, {}, []],
               "ending": TEXTS, "outcome": TEXTS, "created": TEXTS, "scenario_id": TEXTS, "score": NUMBERS,
               "seed": NUMBERS, "turns": NUMBERS, "settings.difficulty": TEXTS + ["guided", "expert"],
               "settings.turn_seconds": NUMBERS + [60], "log": ["x", [5], [{"actions": ["x" * 50]}],
                                                              [{"actions": []}] * 500, None],
               "metrics": [{"morale": float("nan")}, {"[/b]": 1}, []], "version": NUMBERS + [1, 3]},
    "workshop": {"scenario": PATHS, "name": TEXTS, "difficulty": TEXTS, "turn_seconds": NUMBERS, "seed": NUMBERS,
                 "scenario_id": TEXTS, "scenario_sha256": TEXTS, "version": NUMBERS},
}
SCENARIO_TEXTS = ["title", "summary", "briefing"]


@dataclass
class Trace:
    """Files opened while a case runs, outside the allowed folders."""
    allowed: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    active: bool = False
    home: str = ""  # the test's own LEADSIM_HOME (saves go there), read when a case starts


_TRACE = Trace()
_HOOKED = False


def _allowed_roots(folder: Path) -> list[str]:
    from game.scenario.loader import BUILTIN_DIR

    roots = {os.path.realpath(p) for p in (folder, BUILTIN_DIR, sys.prefix, sys.base_prefix,
                                           Path(__file__).resolve().parents[2] / "game",
                                           *site.getsitepackages(), tempfile.gettempdir() + "/matplotlib")}
    roots |= {os.path.realpath(p) for p in sys.path if p and os.path.isdir(p) and p != "/"}
    for name in ("MPLCONFIGDIR", "NUMBA_CACHE_DIR", "XDG_CACHE_HOME"):
        if os.environ.get(name):
            roots.add(os.path.realpath(os.environ[name]))
    roots.add(os.path.realpath(Path.home() / ".cache"))  # matplotlib's font cache, numba's cache
    return sorted(roots)


def _hook(event, args):
    if not _TRACE.active or event != "open" or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
        return
    path = os.path.realpath(os.fsdecode(args[0]))
    if path == "/dev/null" or any(path == r or path.startswith(r + os.sep) for r in _TRACE.allowed):
        return
    if _TRACE.home and (path == _TRACE.home or path.startswith(_TRACE.home + os.sep)):
        return
    _TRACE.outside.append(path)


def traced(fn):
    """fn wrapped so that files it opens outside the allowed folders are recorded (and make it fail)."""
    def run():
        _TRACE.outside.clear()
        _TRACE.home = os.path.realpath(os.environ["LEADSIM_HOME"]) if os.environ.get("LEADSIM_HOME") else ""
        _TRACE.active = True
        try:
            value = fn()
        finally:
            _TRACE.active = False
        if _TRACE.outside:
            raise OpenedOutside(", ".join(sorted(set(_TRACE.outside))[:3]))
        return value
    return run


class OpenedOutside(AssertionError):
    pass


class Refused(Exception):
    """A case ended with the program's own clear refusal (exit code 1 and a message)."""


def arena(folder: Path) -> dict:
    """The case folder with its traps: a valid scenario outside it, symlinks out, a FIFO, a loop; plus the seeds."""
    global _HOOKED
    from game.autoplay import play_bot
    from game.scenario.loader import load
    from game.session import Session
    from game.workshop import files, verify

    folder = Path(folder)
    inside, outside = folder / "inside", folder / "outside"
    for d in (inside / "sub", outside):
        d.mkdir(parents=True, exist_ok=True)
    small = dict(fuzzkit.scenario_seeds())["small"]
    (inside / "small.yaml").write_bytes(small)
    (outside / "secret.yaml").write_bytes(small)  # following a path out would even verify
    for link, target in (("link.yaml", outside / "secret.yaml"), ("sub/up.yaml", "../../outside/secret.yaml"),
                         ("loop.yaml", "loop.yaml")):
        if not (inside / link).is_symlink():
            (inside / link).symlink_to(target)
    if not (inside / "pipe.yaml").exists():
        os.mkfifo(inside / "pipe.yaml")
    loaded = load(str(inside / "small.yaml"))
    ws = files.Workshop("Fuzz day", "small.yaml", loaded.sha256, loaded.scenario.id, 5)
    files.write_workshop(ws, inside / "ws.json")
    ws = files.read_workshop(inside / "ws.json")
    results = {team: files.result_of(play_bot(Session(loaded, 5), bot), ws, team, bot)
               for team, bot in (("Team A", "adaptive"), ("Team B", "balanced"))}
    (inside / "good.json").write_text(json.dumps(results["Team B"]))
    verify.verify_all([inside / "good.json"], ws)  # warm up: the first replay and imports are not a case
    _TRACE.allowed = _allowed_roots(inside)
    if not _HOOKED:
        sys.addaudithook(_hook)
        _HOOKED = True
    return {"inside": inside, "outside": outside, "workshop": ws, "result": results["Team A"],
            "workshop_json": json.loads((inside / "ws.json").read_text()), "scenario": small}


def _set(tree: dict, dotted: str, value) -> None:
    head, _, rest = dotted.partition(".")
    if rest:
        if not isinstance(tree.get(head), dict):
            tree[head] = {}
        tree[head][rest] = value
    else:
        tree[head] = value


def hostile_tree(rng: random.Random, base: dict, kind: str, outside: Path) -> tuple[dict, list[str]]:
    """The base document with one to three fields replaced by hostile values."""
    tree = copy.deepcopy(base)
    ops = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        key = rng.choice(list(FIELDS[kind]))
        value = rng.choice(FIELDS[kind][key])
        if isinstance(value, str) and "{outside}" in value:
            value = value.replace("{outside}", str(outside))
        _set(tree, key, value)
        ops.append(key)
    return tree, ops


def _dump(tree) -> bytes:
    return json.dumps(tree, indent=1).encode()  # NaN and Infinity are written as JSON's common extension


@dataclass
class Tallies:
    results: fuzzkit.Tally = field(default_factory=fuzzkit.Tally)
    workshops: fuzzkit.Tally = field(default_factory=fuzzkit.Tally)
    scenarios: fuzzkit.Tally = field(default_factory=fuzzkit.Tally)


def write_hostile_json(rng: random.Random, seed_tree, kind: str, world: dict, path: Path,
                       tally: fuzzkit.Tally) -> list[str]:
    """Write a hostile mutation of `seed_tree` (a quarter of them also mutated byte by byte) to `path`;
    the mutations made, also counted in the tally."""
    tree, ops = hostile_tree(rng, seed_tree, kind, world["outside"])
    data = _dump(tree)
    if rng.random() < 0.25:
        data, more = fuzzkit.mutated(rng, data, "json", heavy=False)
        ops += more
    count(tally, ops)
    path.write_bytes(data)
    return ops


def count(tally: fuzzkit.Tally, ops: list[str]) -> None:
    for op in ops:
        tally.ops[op] = tally.ops.get(op, 0) + 1


def fuzz_results(n: int, seed: int, world: dict, budget: float = 5.0, report_every: int = 0) -> fuzzkit.Tally:
    """Hostile result files beside a valid one: the valid one must always verify."""
    from game.workshop import files, verify
    from game.workshop.report import write_report

    rng = random.Random(seed)
    inside = world["inside"]
    path, good = inside / "r.json", inside / "good.json"
    tally = fuzzkit.Tally()
    for k in range(n):
        ops = write_hostile_json(rng, world["result"], "result", world, path, tally)
        workshop = world["workshop"] if rng.random() < 0.5 else None
        write = report_every and k % report_every == report_every - 1

        def case(workshop=workshop, write=write, k=k):
            accepted, rejected = verify.verify_all([path, good], workshop)
            if not any(v.path == good for v in accepted) and not any(
                    r.path == good and ("handed in by" in r.reason or "same game" in r.reason) for r in rejected):
                raise AssertionError(f"the valid result was not verified: {[str(r) for r in rejected]}")
            for r in rejected:
                text = str(r)
                if "\n" in text or "\x1b" in text or len(text) > 1200:
                    raise AssertionError(f"a rejection is not one plain line: {text[:200]!r}")
            if write:
                out = inside / f"report{k}"
                write_report(accepted, rejected, out)
                _check_csv(out / "turns.csv")
            if any(r.path == path for r in rejected):
                raise files.WorkshopError("the hostile result was rejected")

        fuzzkit.run_case(tally, f"result #{k} {ops}", traced(case), (files.WorkshopError,), budget * (4 if write else 1))
    return tally


def _check_csv(path: Path) -> None:
    import csv

    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    float(cell)  # a formula would raise ValueError: a crash


def fuzz_workshops(n: int, seed: int, world: dict, budget: float = 5.0) -> fuzzkit.Tally:
    from game.scenario.problems import ScenarioError
    from game.workshop import files

    rng = random.Random(seed)
    path = world["inside"] / "day.json"
    tally = fuzzkit.Tally()
    for k in range(n):
        ops = write_hostile_json(rng, world["workshop_json"], "workshop", world, path, tally)

        def case():
            ws = files.read_workshop(path)
            ws.load_scenario()
            if ws.turn_seconds is not None and not 10 <= ws.turn_seconds <= 3600:
                raise AssertionError(f"turn clock {ws.turn_seconds} accepted")

        fuzzkit.run_case(tally, f"workshop #{k} {ops}", traced(case), (files.WorkshopError, ScenarioError), budget)
    return tally


SCENARIO_TEXT_VALUES = [t for t in TEXTS if len(t) < 1000] + ["\"\\e[2J\"", "\"\\e]0;x\\a\"", "\"\\x9b31m\"",
                                                               "\"\\u202e\"", "'$\\frac$'", "'[/bold]'"]


def fuzz_scenarios(n: int, seed: int, world: dict, budget: float = 5.0) -> fuzzkit.Tally:
    """Scenario files on disk with hostile texts; a valid one is shown through the terminal, which must stay plain."""
    import yaml

    from game.cli import main

    rng = random.Random(seed)
    base = yaml.safe_load(world["scenario"])
    path = world["inside"] / "fuzz.yaml"
    tally = fuzzkit.Tally()
    for k in range(n):
        tree = copy.deepcopy(base)
        ops = []
        for _ in range(rng.choice([1, 2, 3])):
            where = rng.choice(["top", "action", "phase", "event", "metric", "ending"])
            text = rng.choice(SCENARIO_TEXT_VALUES)
            value = yaml.safe_load(text) if text.startswith(("\"", "'")) else text
            if where == "top":
                tree[rng.choice(SCENARIO_TEXTS)] = value
            elif where == "action":
                rng.choice(tree["actions"])[rng.choice(["title", "text"])] = value
            elif where == "phase":
                rng.choice(tree["phases"])[rng.choice(["title", "text"])] = value
            elif where == "event" and tree.get("events"):
                ev = rng.choice(tree["events"])
                ev[rng.choice(["title", "text"])] = value
                rng.choice(ev["choices"])["label"] = value
            elif where == "metric":
                m = tree["metrics"].setdefault(rng.choice(["morale", "budget"]), {})
                m[rng.choice(["title", "unit"])] = value
            else:
                rng.choice(tree["endings"])["title"] = value
            ops.append(where)
        data = yaml.safe_dump(tree, allow_unicode=rng.random() < 0.5).encode()
        if rng.random() < 0.2:
            data, more = fuzzkit.mutated(rng, data, "yaml", heavy=False)
            ops += more
        count(tally, ops)
        path.write_bytes(data)

        def case():
            shown = io.StringIO()
            codes = []
            for argv, stdin in ((["play", str(path), "--text", "--seed", "1"], "1\n" * 300),
                                (["simulate", str(path)], "")):
                old = sys.stdin
                sys.stdin = io.StringIO(stdin)
                try:
                    with contextlib.redirect_stdout(shown), contextlib.redirect_stderr(shown):
                        codes.append(main(argv))
                finally:
                    sys.stdin = old
            text = shown.getvalue()
            for bad in ("\x1b", "\x07", "\x9b", "\u202e", "Traceback"):
                if bad in text:
                    raise AssertionError(f"{bad!r} reached the terminal: ...{text[max(0, text.find(bad) - 80):][:160]!r}")
            if codes != [0, 0]:
                if set(codes) != {1}:
                    raise AssertionError(f"exit codes {codes}: {text[-300:]!r}")
                raise Refused(f"refused with exit codes {codes}")

        fuzzkit.run_case(tally, f"scenario #{k} {ops}", traced(case), (Refused,), budget)
    return tally
