"""Hot reload for scenario authors: `leadsim play FILE --watch`.

`FileWatcher` polls a file (mtime, size and a hash of its bytes; no extra
dependency) and reports a change only once the file has stayed the same for a
moment, so an editor that writes a file in two steps causes one reload.
`ScenarioWatcher` turns a settled change into a new `LoadedScenario` or the
`ScenarioError` listing its problems. `reload_session` replays the decision
log of a game on the new version of its scenario; the graphical game and
terminal play both use it (their parts are in `ui/watch.py` and
`terminal/watch.py`; the command `leadsim play FILE --watch` in `commands/play.py`).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .plaintext import plain
from .scenario.loader import BUILTIN_DIR, LoadedScenario, load_text_bytes, resolve
from .scenario.problems import Problem, ScenarioError
from .session import DecisionError, Session

POLL_SECONDS = 0.5  # how often the file is looked at
SETTLE_SECONDS = 0.3  # how long a change must stay unchanged before it is read (editors write twice)


def watch_target(name: str | None) -> Path:
    """The file behind `leadsim play NAME --watch`; ValueError (one line) for a built-in name or no name."""
    if not name:
        raise ValueError("--watch needs a scenario file to watch, e.g. leadsim play my_team.yaml --watch")
    try:
        path = resolve(name)
    except ScenarioError as exc:
        raise ValueError(f"--watch needs a scenario file: {exc.problems[0].message}") from None
    if path.parent == BUILTIN_DIR:
        raise ValueError(f"--watch reloads a file you edit; '{name}' is a built-in scenario. "
                         f"Make your own copy with: leadsim new my_{path.stem} --from {path.stem}")
    return path


@dataclass(frozen=True)
class _Seen:
    mtime_ns: int
    size: int
    sha256: str | None  # None: the file is missing or unreadable
    raw: bytes | None


class FileWatcher:
    """Polls one file; `poll()` returns its new bytes (or None if it vanished) once per settled change.

    `known_sha256` is the hash of the content already in use: writing the same bytes again
    (or touching the file) is no change. `clock` is injectable so tests need not sleep.
    """

    def __init__(self, path: Path, known_sha256: str | None = None, clock: Callable[[], float] = time.monotonic,
                 interval: float = POLL_SECONDS, settle: float = SETTLE_SECONDS):
        self.path = Path(path)
        self.clock = clock
        self.interval = interval
        self.settle = settle
        self.applied = known_sha256 if known_sha256 is not None else self._read().sha256
        self._seen: _Seen | None = None
        self._changed_at = 0.0
        self._next_poll = 0.0

    def _read(self) -> _Seen:
        try:
            st = self.path.stat()
            raw = self.path.read_bytes()
        except OSError:
            return _Seen(0, 0, None, None)
        return _Seen(st.st_mtime_ns, st.st_size, hashlib.sha256(raw).hexdigest(), raw)

    def poll(self, force: bool = False) -> tuple[bool, bytes | None]:
        """(True, bytes or None when missing) for a settled change since the last one reported, else (False, None)."""
        now = self.clock()
        if not force and now < self._next_poll:
            return False, None
        self._next_poll = now + self.interval
        seen = self._read()
        if self._seen is None or (seen.mtime_ns, seen.size, seen.sha256) != \
                (self._seen.mtime_ns, self._seen.size, self._seen.sha256):
            self._seen, self._changed_at = seen, now
            if self.settle > 0:
                return False, None
        if seen.sha256 == self.applied or now - self._changed_at < self.settle:
            return False, None
        self.applied = seen.sha256
        return True, seen.raw

    @property
    def pending(self) -> bool:
        """A change was seen that has not settled (and so not been reported) yet."""
        return self._seen is not None and self._seen.sha256 != self.applied


class ScenarioWatcher:
    """Watches a scenario file; `check()` gives a LoadedScenario or ScenarioError after each settled save."""

    def __init__(self, path: Path, known_sha256: str | None = None, **kw):
        self.path = Path(path)
        self.files = FileWatcher(self.path, known_sha256, **kw)

    def check(self, force: bool = False) -> LoadedScenario | ScenarioError | None:
        changed, raw = self.files.poll(force)
        if not changed:
            return None
        return load_watched(self.path, raw)

    def check_now(self, sleep: Callable[[float], None] = time.sleep) -> LoadedScenario | ScenarioError | None:
        """Look at the file now; if a save is under way, wait for it to settle (for terminal play)."""
        result = self.check(force=True)
        for _ in range(50):
            if result is not None or not self.files.pending:
                break
            sleep(self.files.settle)
            result = self.check(force=True)
        return result


def load_watched(path: Path, raw: bytes | None) -> LoadedScenario | ScenarioError:
    if raw is None:
        return ScenarioError([Problem(str(path), 0, 0, "the file is gone (renamed or deleted?); "
                                                       "save it again to continue")])
    try:
        loaded = load_text_bytes(raw, str(path))
    except ScenarioError as exc:
        return exc
    except RecursionError:  # absurdly nested YAML; the loader reports most such cases itself
        return ScenarioError([Problem(str(path), 0, 0, "the file is nested too deeply to read")])
    loaded.source, loaded.path = str(path), path
    return loaded


def same_file(session: Session | None, path: Path) -> bool:
    """Whether a game is being played on this scenario file."""
    if session is None:
        return False
    try:
        return Path(session.loaded.source).resolve() == Path(path).resolve()
    except (OSError, ValueError):
        return False


@dataclass
class Reload:
    session: Session
    message: str  # one or two sentences for the player: what was replayed, where play continues (plain text)
    complete: bool  # every logged turn replayed


def reload_session(old: Session, loaded: LoadedScenario) -> Reload:
    """A new game on `loaded` with the old seed and difficulty, with as much of the old log replayed as fits.

    Replay stops at the first decision the new version no longer accepts (an action removed, a
    cooldown changed, an event answer gone...) or when the new game has already ended; play
    continues from there.
    """
    new = Session(loaded, old.seed, old.difficulty)
    new.meta = dict(old.meta)
    total = len(old.log)
    stop = ""
    for n, decision in enumerate(old.log, 1):
        if new.done:
            stop = _ended_early(new, n - 1, total)
            break
        try:
            new.decide(decision)
        except DecisionError as exc:
            why = str(exc).rstrip()
            stop = f"turn {n} no longer fits: {why}{'' if why.endswith(('.', '?', '!')) else '.'} " \
                   f"You continue from turn {n}."
            break
    replayed = len(new.log)
    complete = replayed == total
    head = f"replayed {replayed} of {total} turn{'s' if total != 1 else ''}" if total else "a new game (no turns played yet)"
    if complete:
        if new.done and not old.done:
            stop = _ended_early(new, replayed, total, now=True)
        elif not new.done:
            stop = f"you continue at turn {new.turn + 1} of {new.scenario.turns}."
        else:
            stop = "the game is over."
        changes = _changes(old, new)
        if changes:
            stop += f" Now {changes}."
    message = f"{head}; {stop}"
    if loaded.warnings:
        n = len(loaded.warnings)
        message += f" ({n} warning{'s' if n > 1 else ''}: leadsim validate {loaded.source} shows {'them' if n > 1 else 'it'})"
    # titles, units, ending names and the refusal come from the file: no escape or control character
    # reaches a terminal or the window's notice (markup is each front-end's own to escape)
    return Reload(new, plain(message, markup=False), complete)


def _changes(old: Session, new: Session, most: int = 3) -> str:
    """'Morale 74 (was 69), Trust 60 (was 57)': the visible metrics the new version moved most."""
    if old.turn != new.turn or not old.turn:
        return ""
    before, after = old.values(), new.values()
    moved = [(abs(after[m] - before[m]), m) for m in new.visible_metrics() if m in before]
    moved = sorted((d, m) for d, m in moved if d >= 0.5)[::-1][:most]
    parts = []
    for _, m in moved:
        spec = new.scenario.metrics[m]
        digits = 0 if round(after[m]) != round(before[m]) else 1
        parts.append(f"{spec.title or m} {after[m]:.{digits}f}{spec.unit} (was {before[m]:.{digits}f}{spec.unit})")
    if abs(new.score() - old.score()) >= 0.05:
        parts.append(f"score {new.score():.1f} (was {old.score():.1f})")
    return ", ".join(parts)


def _ended_early(new: Session, replayed: int, total: int, now: bool = False) -> str:
    ending = new.ending
    what = f"'{ending.title}'" if ending is not None else "its end"
    if new.turn >= new.scenario.turns and new.scenario.turns < total:
        return f"the scenario now has only {new.scenario.turns} turns, so the game is over ({what})."
    if now:
        return f"the game now ends at turn {new.turn} ({what})."
    return f"the game now ends at turn {replayed} ({what}); the {total - replayed} later turn(s) were dropped."
