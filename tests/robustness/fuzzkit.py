"""Mutation fuzzing of untrusted files: scenarios, saves and result files.

Each case takes a real file, applies one to three random mutations (lines deleted,
duplicated, swapped or garbled; values replaced by wrong types, huge numbers, NaN and
infinity, deep nesting, alias bombs; binary garbage; invalid UTF-8; truncation) and
feeds it to the reader. The only acceptable outcomes are a valid object or the
module's own error type, within a time budget. Shared by the test suite
(tests/robustness/test_fuzz.py) and the long run (benchmarks/fuzz_long.py).
"""

from __future__ import annotations

import json
import random
import signal
import time
import tracemalloc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HOSTILE_SCALARS = [
    "null", "~", "true", "no", "on", "''", '""', "[]", "{}", "[1, 2]", "{a: 1}", "-1", "0", "-0.0",
    "1e309", "-1e309", "1e308", "9" * 400, "-" + "9" * 40, ".nan", ".NaN", ".inf", "-.inf", "0x7fffffffffffffff",
    "0o777", "1_000", "2001-12-14", "'../../etc/passwd'", "/etc/passwd", "!!binary aGk=", "!!python/none ''",
    "!include x.yaml", "&anchor 1", "*anchor", "*undefined", "<<: {a: 1}", "|", ">", "- 1", "? x", ": :",
    "'" + "x" * 5000 + "'", "\"\\x00\"", "\"\\uD800\"", "\t", "%YAML 1.1", "---", "...",
    "[" * 60 + "]" * 60, "{a: " * 40 + "1" + "}" * 40, "'__import__(\"os\")'", "'morale.__class__'",
    "'" + "(" * 45 + "1" + ")" * 45 + "'", "'morale ^ 99'", "'x' * 3",
]
JSON_SCALARS = [
    "null", "true", "false", "0", "-1", "1e999", "-1e999", "NaN", "Infinity", "-Infinity", "9" * 5000,
    "9" * 300, "-" + "9" * 30, "1.5", '""', '"x"', '"../../etc/passwd"', "[]", "{}", "[1,2]", '{"a":1}',
    "[" * 5000 + "]" * 5000, '"' + "x" * 100_000 + '"', '"\\ud800"', '"\\u0000"', '"\\x"', "[[[[[[",
]
GARBAGE = [b"\x00", b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x1b[2J", b"\r", b"\r\n",
           b"\x85", b"\xe2\x80\xa8", b"\t", b"\\", b"'", b'"', b"{", b"[", b":", b"&a", b"*a", b"!", b"%", b"#"]


def laughs(levels: int = 9, width: int = 9) -> str:
    lines = ['lol0: &lol0 ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def _lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\n")


OPS = ["delete", "duplicate", "swap", "garble", "value", "value", "value", "insert_garbage",
       "truncate", "indent", "binary", "utf8", "big", "bomb", "nest", "repeat_block"]
HEAVY = {"big", "bomb"}  # each costs up to a second: the suite runs them as separate worst cases


def mutate(rng: random.Random, raw: bytes, kind: str, heavy: bool = True) -> tuple[bytes, str]:
    """One random mutation; returns the new bytes and a short name of what was done."""
    lines = _lines(raw)
    i = rng.randrange(len(lines))
    op = rng.choice(OPS if heavy else [o for o in OPS if o not in HEAVY])
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "swap":
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "garble":
        line = bytearray(lines[i])
        for _ in range(rng.randint(1, 4)):
            if line:
                line[rng.randrange(len(line))] = rng.randrange(256)
        lines[i] = bytes(line)
    elif op == "value":
        line = lines[i]
        sep = b": " if b": " in line else (b":" if kind == "json" else b"- ")
        pool = JSON_SCALARS if kind == "json" else HOSTILE_SCALARS
        new = rng.choice(pool).encode()
        if sep in line:
            head = line.split(sep, 1)[0]
            tail = b"," if kind == "json" and line.rstrip().endswith(b",") else b""
            lines[i] = head + sep + new + tail
        else:
            lines[i] = line + new
    elif op == "insert_garbage":
        line = lines[i]
        k = rng.randrange(len(line) + 1)
        lines[i] = line[:k] + rng.choice(GARBAGE) + line[k:]
    elif op == "truncate":
        return raw[: rng.randrange(len(raw) + 1)], op
    elif op == "indent":
        lines[i] = (b" " * rng.choice([1, 2, 3, 8])) + lines[i] if rng.random() < 0.6 else lines[i].lstrip()
    elif op == "binary":
        k = rng.randrange(len(raw) + 1)
        return raw[:k] + rng.randbytes(rng.randint(1, 64)) + raw[k:], op
    elif op == "utf8":
        k = rng.randrange(len(raw) + 1)
        return raw[:k] + rng.choice([b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]) + raw[k:], op
    elif op == "big":
        line = lines[i]
        lines[i] = line + (b"x" * rng.choice([1000, 100_000, 600_000]))
    elif op == "bomb":
        if kind == "json":
            lines[i] = lines[i] + b"[" * rng.choice([100, 1000, 100_000])
        else:
            return laughs(rng.randint(3, 9), rng.randint(3, 10)).encode() + raw, op
    elif op == "nest":
        depth = rng.choice([20, 40, 200, 10_000])
        if kind == "json":
            lines[i] = lines[i].replace(b": ", b": " + b"[" * depth, 1) + b"]" * depth
        else:
            lines[i] = lines[i].replace(b": ", b": " + b"[" * depth, 1) + b"]" * depth
    elif op == "repeat_block":
        j = min(len(lines), i + rng.randint(1, 20))
        block = lines[i:j] * rng.choice([2, 10, 100])
        lines[i:j] = block
    return b"\n".join(lines), op


def mutated(rng: random.Random, raw: bytes, kind: str, heavy: bool = True) -> tuple[bytes, list[str]]:
    ops = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        raw, op = mutate(rng, raw, kind, heavy)
        ops.append(op)
    return raw, ops


# --- structured mutations of a parsed JSON document (saves, results) -------------------------

def hostile_python(rng: random.Random):
    return rng.choice([
        None, True, False, 0, -1, 2**63, 2**200, -(2**70), 1.5, 1e308, -1e308, float("nan"), float("inf"),
        float("-inf"), "", "x", "../../etc/passwd", "\x00", "\ud800" if False else "\u2028", [], {}, [1, "a"],
        {"a": 1}, [[[[[[[[]]]]]]]], "x" * 10_000, {"actions": "a"}, {"actions": [1]}, [None],
    ])


def mutate_tree(rng: random.Random, data):
    """Replace, delete or add one value somewhere in a JSON tree (in place); returns the tree."""
    path = []
    node = data
    while isinstance(node, (dict, list)) and node and rng.random() < 0.7:
        key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
        path.append((node, key))
        node = node[key]
    if not path:
        return hostile_python(rng)
    parent, key = path[-1]
    r = rng.random()
    if r < 0.15:
        del parent[key]
    elif r < 0.25 and isinstance(parent, dict):
        parent[rng.choice(["extra", "format", "version", "checksum", "seed", "log", "__proto__"])] = hostile_python(rng)
    elif r < 0.32 and isinstance(parent, list):
        parent.extend([parent[key]] * rng.choice([1, 5, 300]))
    else:
        parent[key] = hostile_python(rng)
    return data


# --- running a case ---------------------------------------------------------------------------
#
# Budgets are CPU seconds of this process (time.process_time, ITIMER_PROF), not wall-clock seconds:
# what a case costs is the work it does, and on the team's shared 2-core machine at load 10-15 the
# wall clock of the same case stretched 5-10x and failed the suite for no fault of the code. A case
# that blocks without computing (a FIFO read waiting for a writer) uses no CPU, so a wall-clock
# backstop stops it too: WALL_BACKSTOP budgets, at least MIN_WALL seconds.

WALL_BACKSTOP = 30
MIN_WALL = 60.0


class CaseTimeout(Exception):
    pass


@contextmanager
def deadline(seconds: float):
    """Fail instead of hanging: TimeoutError once `seconds` of wall-clock time have passed (for calls
    that may block: a FIFO opened for reading waits until a writer comes)."""
    def expired(signum, frame):
        raise TimeoutError(f"still blocked after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@contextmanager
def cpu_budget(seconds: float, wall: float | None = None):
    """CaseTimeout once the block has used `seconds` of this process's CPU time (SIGPROF), or has run
    `wall` seconds of wall-clock time without finishing (default: WALL_BACKSTOP budgets, >= MIN_WALL)."""
    wall = max(MIN_WALL, WALL_BACKSTOP * seconds) if wall is None else wall

    def over_cpu(signum, frame):
        raise CaseTimeout(f"took more than {seconds:g} s of CPU time")

    def over_wall(signum, frame):
        raise CaseTimeout(f"blocked: not done after {wall:g} s (wall clock)")

    old_prof = signal.signal(signal.SIGPROF, over_cpu)
    old_alarm = signal.signal(signal.SIGALRM, over_wall)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, wall)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, old_prof)
        signal.signal(signal.SIGALRM, old_alarm)


def peak_bytes(fn) -> int:
    """The tracemalloc peak of the Python memory `fn` allocates."""
    tracemalloc.start()
    try:
        fn()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


@dataclass
class Tally:
    cases: int = 0
    accepted: int = 0
    refused: int = 0
    slowest: float = 0.0  # CPU seconds of the costliest case
    slowest_case: str = ""
    slowest_wall: float = 0.0  # wall-clock seconds of the longest case (shown in figures, never judged)
    crashes: list = field(default_factory=list)
    ops: dict = field(default_factory=dict)


def run_case(tally: Tally, label: str, fn: Callable[[], object], allowed: tuple, budget: float,
             wall: float | None = None) -> None:
    """Run fn; anything but success or an allowed error (or going over the CPU budget, or blocking
    past the wall-clock backstop) is recorded as a crash."""
    start, start_wall = time.process_time(), time.perf_counter()
    try:
        with cpu_budget(budget, wall):
            fn()
        tally.accepted += 1
    except allowed as exc:
        if not str(exc).strip():
            tally.crashes.append((label, f"empty message from {type(exc).__name__}"))
        tally.refused += 1
    except CaseTimeout as exc:
        tally.crashes.append((label, str(exc)))
    except Exception as exc:  # noqa: BLE001 - the point is to catch everything else
        tally.crashes.append((label, f"{type(exc).__name__}: {exc}"[:300]))
    cpu, elapsed = time.process_time() - start, time.perf_counter() - start_wall
    tally.cases += 1
    tally.slowest_wall = max(tally.slowest_wall, elapsed)
    if cpu > tally.slowest:
        tally.slowest, tally.slowest_case = cpu, label


# --- the three readers ----------------------------------------------------------------------------

def scenario_seeds() -> list[tuple[str, bytes]]:
    import yaml

    from game.scenario.loader import BUILTIN_DIR

    from kit import quiet

    small = quiet(
        phases=[{"id": "early", "title": "Early"}, {"id": "late", "title": "Late", "starts_at_turn": 4,
                                                     "starts_when": "morale > 70 and turn >= 2"}],
        events=[{"id": "quit", "title": "Quit", "text": "Someone quits.", "when": "morale < 40",
                 "probability": 0.3, "choices": [
                     {"id": "talk", "label": "Talk", "effects": {"morale": 3}, "followup": "back",
                      "delayed": [{"metric": "trust", "amount": 2, "after": 2, "over": 2}]},
                     {"id": "let", "label": "Let go", "cost": 5, "category": "management"}]},
                {"id": "back", "title": "Back", "text": "They are back.", "probability": 0,
                 "choices": [{"id": "ok", "label": "OK"}]}],
        crises=[{"id": "burnout", "title": "Burnout", "start": "stress > 80", "end": "stress < 50",
                 "per_turn": {"morale": -2}}],
    )
    small["actions"][0].update({"cooldown": 2, "requires": "budget > 10", "cost": {"budget": 3, "ap": 1},
                                "delayed": [{"metric": "initiative", "amount": 4, "after": 1, "over": 3}]})
    seeds = [("quiet", yaml.safe_dump(quiet(), sort_keys=False).encode()),
             ("small", yaml.safe_dump(small, sort_keys=False).encode())]
    seeds += [(p.stem, p.read_bytes()) for p in sorted(BUILTIN_DIR.glob("*.yaml"))]
    return seeds


def fuzz_scenarios(n: int, seed: int, budget: float = 5.0, builtin_share: float = 0.1,
                   heavy: bool = True) -> Tally:
    from game.scenario.loader import load_text_bytes
    from game.scenario.problems import ScenarioError

    rng = random.Random(seed)
    seeds = scenario_seeds()
    small, big = seeds[:2], seeds[2:]
    tally = Tally()
    for k in range(n):
        name, raw = rng.choice(big if rng.random() < builtin_share else small)
        data, ops = mutated(rng, raw, "yaml", heavy)
        for op in ops:
            tally.ops[op] = tally.ops.get(op, 0) + 1
        run_case(tally, f"scenario {name} #{k} {ops}", lambda: load_text_bytes(data, "fuzz.yaml"),
                 (ScenarioError,), budget)
    return tally


def _save_seed_text():
    """A real save of a short game with events, delayed effects and a crisis."""
    from game import saves
    from game.autoplay import play_bot
    from game.scenario.loader import load_text_bytes
    from game.session import Session

    raw = dict(scenario_seeds())["small"]
    s = play_bot(Session(load_text_bytes(raw, "small.yaml"), 5), "random")
    return json.dumps(saves.to_dict(s), indent=1).encode()


def fuzz_saves(n: int, seed: int, folder: Path, budget: float = 5.0, heavy: bool = True,
               bytes_share: float = 0.5) -> Tally:
    from game import saves

    rng = random.Random(seed)
    raw = _save_seed_text()
    base = json.loads(raw)
    path = Path(folder) / "fuzz-save.json"
    tally = Tally()
    for k in range(n):
        if rng.random() < bytes_share:  # bytes on disk, through saves.load
            data, ops = mutated(rng, raw, "json", heavy)
            path.write_bytes(data)
            run_case(tally, f"save bytes #{k} {ops}", lambda: saves.load(path), (saves.SaveError,), budget)
        else:  # a structurally damaged save, re-signed so it gets past the checksum
            tree = mutate_tree(rng, json.loads(json.dumps(base)))
            if rng.random() < 0.3:
                tree = mutate_tree(rng, tree)
            if isinstance(tree, dict) and rng.random() < 0.9:
                try:
                    tree = saves.seal(tree)
                except (ValueError, TypeError):
                    pass
            run_case(tally, f"save tree #{k}", lambda: saves.from_dict(tree), (saves.SaveError,), budget)
    return tally


def _result_seed(folder: Path) -> bytes:
    from game.autoplay import play_bot
    from game.scenario.loader import load
    from game.session import Session
    from game.workshop import files

    scenario = Path(folder) / "small.yaml"
    scenario.write_bytes(dict(scenario_seeds())["small"])
    loaded = load(str(scenario))
    ws = files.Workshop("Fuzz", "small.yaml", loaded.sha256, loaded.scenario.id, 5, "standard", None,
                        Path(folder) / "ws.json")
    s = play_bot(Session(loaded, 5), "adaptive")
    return json.dumps(files.result_of(s, ws, "Team A", "adaptive"), indent=1).encode()


def fuzz_results(n: int, seed: int, folder: Path, budget: float = 5.0, heavy: bool = True) -> Tally:
    from game.workshop import files, verify

    rng = random.Random(seed)
    raw = _result_seed(folder)
    base = json.loads(raw)
    path = Path(folder) / "fuzz-result.json"
    tally = Tally()

    def check():
        try:
            files.read_result(path)
        except files.WorkshopError:
            pass
        outcome = verify.verify_one(path, None)
        assert isinstance(outcome, (verify.Verified, verify.Rejected))
        str(outcome) if isinstance(outcome, verify.Rejected) else None

    for k in range(n):
        if rng.random() < 0.5:
            data, ops = mutated(rng, raw, "json", heavy)
        else:
            ops = ["tree"]
            tree = mutate_tree(rng, json.loads(json.dumps(base)))
            try:
                data = json.dumps(tree, indent=1).encode()
            except (ValueError, TypeError):
                continue
        path.write_bytes(data)
        run_case(tally, f"result #{k} {ops}", check, (files.WorkshopError,), budget)
    return tally
