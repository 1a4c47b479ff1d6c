"""Saved games: versioned JSON with a checksum, written atomically.

A save holds the scenario text, the seed and the decision log; loading
replays the log, so a loaded game continues exactly as the original would.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from .scenario.loader import LoadedScenario, load_text_bytes
from .scenario.problems import ScenarioError
from .session import Decision, DecisionError, Session

FORMAT = "leadsim-save"
VERSION = 2
MAX_SAVE_BYTES = 5_000_000


def _from_version_1(data: dict) -> dict:
    """Version 2 came with the compiled model, whose numbers differ from version 1's in the last digits.

    The decisions are what a save keeps: they replay on the current model. The
    old fingerprint of the final state no longer applies, so it is dropped.
    """
    data = {k: v for k, v in data.items() if k != "state_digest"}
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    return {**data, "version": 2, "meta": {**meta, "replayed_from_version": 1}}


# Version n -> function turning a version-n save (a dict, checksum already verified) into a
# version n+1 save. When the format changes, bump VERSION and register the step here.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _from_version_1}


class SaveError(ValueError):
    """A save file cannot be used; the message says why."""


def _checksum(body: dict) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def seal(body: dict) -> dict:
    """The save with its checksum: `body` is every field but "checksum" (an old one is replaced)."""
    body = {k: v for k, v in body.items() if k != "checksum"}
    return {**body, "checksum": _checksum(body)}


def to_dict(session: Session) -> dict:
    body = {
        "format": FORMAT,
        "version": VERSION,
        "scenario_id": session.scenario.id,
        "scenario_source": session.loaded.source,
        "scenario_sha256": session.loaded.sha256,
        "scenario_text": session.loaded.text,
        "seed": session.seed,
        "difficulty": session.difficulty,
        "log": [d.to_json() for d in session.log],
        "turn": session.turn,
        "state_digest": session.state.digest(),
        "meta": session.meta,
        # read by list_saves (Load, Continue), so a listing need not replay every game; never by from_dict
        "summary": {"title": session.scenario.title, "turns": session.scenario.turns, "finished": session.done,
                    "score": round(session.score(), 1)},
    }
    if session.draft is not None and not session.done:
        body["draft"] = session.draft.to_json()  # the turn in progress: the cards picked so far
    return seal(body)


STALE_SECONDS = 60


def _remove_stale_temporaries(path: Path) -> None:
    """A process killed mid-save leaves its temporary file; the next save of the same file tidies up."""
    import time

    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if time.time() - tmp.stat().st_mtime > STALE_SECONDS:
                tmp.unlink()
        except OSError:
            pass


def atomic_write(path: Path, text: str) -> None:
    """Write to a temporary file beside the target, fsync, then rename over it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def save(session: Session, path: Path) -> None:
    atomic_write(Path(path), json.dumps(to_dict(session), indent=1))


def from_dict(data, where: str = "the save") -> Session:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SaveError(f"{where} is not a Leadsim save file")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise SaveError(f"{where} was written by a newer Leadsim (format version {data.get('version')}); "
                        f"this one reads version {VERSION}")
    body = {k: v for k, v in data.items() if k != "checksum"}
    if data.get("checksum") != _checksum(body):
        raise SaveError(f"{where} is damaged or was edited by hand (checksum mismatch)")
    data = migrate(data, where)
    try:
        loaded = load_text_bytes(str(data["scenario_text"]).encode("utf-8"), data.get("scenario_source", "save"))
        loaded.source = data.get("scenario_source", loaded.source)
        session = Session(loaded, int(data["seed"]), data.get("difficulty", "standard"))
        session.meta = dict(data.get("meta") or {})
        for entry in data["log"]:
            session.decide(Decision.from_json(entry))
    except ScenarioError as exc:
        raise SaveError(f"{where}: its scenario no longer loads: {exc.problems[0].message}") from None
    except DecisionError as exc:
        raise SaveError(f"{where}: its decision log does not replay: {exc}") from None
    except (KeyError, TypeError, ValueError, OverflowError) as exc:  # OverflowError: seed Infinity
        raise SaveError(f"{where} is incomplete or malformed ({exc})") from None
    if data.get("state_digest") and session.state.digest() != data["state_digest"]:
        raise SaveError(f"{where}: replaying it gave a different game (was it made by another version?)")
    session.draft = _draft(session, data.get("draft"))
    return session


def _draft(session: Session, data) -> Decision | None:
    """The turn in progress a save kept, if it is still a legal choice for this turn; otherwise none (the
    cards picked are a comfort, never a reason for a save not to load)."""
    if data is None or session.done:
        return None
    try:
        draft = Decision.from_json(data)
        if draft.timed_out or len(draft.actions) > len(session.scenario.actions):
            return None
        event = session.event
        answer = draft.choice if draft.choice is not None or event is None else event.choices[0].id
        session.check(Decision(draft.actions, answer))  # cards chosen before the event was answered
    except DecisionError:
        return None
    return draft


def migrate(data: dict, where: str = "the save") -> dict:
    """Bring an older save up to VERSION, one registered step at a time."""
    version = data["version"]
    while version < VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise SaveError(f"{where} has format version {version}, which this Leadsim cannot read")
        data = step(dict(data))
        if not isinstance(data, dict) or data.get("version") != version + 1:
            raise SaveError(f"{where}: upgrading it from version {version} failed")
        version += 1
    return data


def load(path: Path) -> Session:
    from .jsonfile import read_json

    return from_dict(read_json(path, "save", MAX_SAVE_BYTES, SaveError), str(path))


def keep_other_game(path: Path, session: Session, folder: Path) -> Path | None:
    """Before `session` is first saved over `path`: if `path` holds another, unfinished game,
    move it into `folder` (it then appears under Load) and return where; otherwise None.

    One autosave slot must never cost a player the game they had in progress.
    """
    from .jsonfile import read_json

    path = Path(path)
    if not path.exists():
        return None
    try:
        data = read_json(path, "save", MAX_SAVE_BYTES, SaveError)
        log = data.get("log") if isinstance(data, dict) else None
        mine = [d.to_json() for d in session.log]
        if (isinstance(log, list) and data.get("scenario_sha256") == session.loaded.sha256
                and data.get("seed") == session.seed and mine[:len(log)] == log):
            return None  # the same game, further on
        # A finished game is kept too: it is what `leadsim review` and Load need to show the player
        # their game again (a practice game hands in no result file), and one stray Enter on
        # "Play again" must not cost it.
        finished = from_dict(data, str(path)).done
        # named by how far it got: "after-turn1" is a game with one turn played, at turn 2 (a new player
        # read "turn1" as the turn it would continue at)
        played = data.get('turn', 0)
        name = f"{data.get('scenario_id', 'game')}-" + ("finished" if finished else f"after-turn{played}")
    except SaveError:
        name = "unreadable-autosave"  # not ours to judge: keep it as it is
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(path.stat().st_mtime))
    dest = folder / f"{name}-{stamp}.json"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{name}-{stamp}-{n}.json"
    os.replace(path, dest)
    return dest


def unique_path(folder: Path, stem: str) -> Path:
    """`folder/stem.json`, or `stem-2.json`, `stem-3.json`... when that name is taken."""
    path, n = Path(folder) / f"{stem}.json", 1
    while path.exists():
        n += 1
        path = Path(folder) / f"{stem}-{n}.json"
    return path


def kept_finished(kept: Path) -> bool:
    """Whether a file keep_other_game moved aside holds a finished game: read from the save's own
    summary, not guessed from its name (a scenario id may hold any word)."""
    return read_info(Path(kept)).finished


# --- the autosave slot of a game in progress -------------------------------------------------------

# A lock the OS drops by itself when the process ends, however it ends: flock on POSIX, a byte-range
# lock (msvcrt.locking, LockFile) on Windows. Both are taken on a lock file beside the save and
# conflict between two open files even within one process.
try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None
try:
    import msvcrt
except ImportError:  # POSIX
    msvcrt = None


class _Locks:
    """The non-blocking exclusive lock of this OS: `take(fd)` True when taken, False when held elsewhere."""

    def __init__(self, fcntl_module, msvcrt_module):
        self.fcntl, self.msvcrt = fcntl_module, msvcrt_module
        self.name = "flock" if fcntl_module is not None else "msvcrt.locking"

    def take(self, fd: int) -> bool:
        try:
            if self.fcntl is not None:
                self.fcntl.flock(fd, self.fcntl.LOCK_EX | self.fcntl.LOCK_NB)
            else:
                os.lseek(fd, 0, os.SEEK_SET)  # msvcrt locks bytes from the current position: always byte 0
                self.msvcrt.locking(fd, self.msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def drop(self, fd: int) -> None:
        """Before closing (closing alone drops it too, but Windows may take a while to notice)."""
        try:
            if self.fcntl is not None:
                self.fcntl.flock(fd, self.fcntl.LOCK_UN)
            else:
                os.lseek(fd, 0, os.SEEK_SET)
                self.msvcrt.locking(fd, self.msvcrt.LK_UNLCK, 1)
        except OSError:
            pass


def _locks() -> _Locks | None:
    """The lock this machine has (fcntl first, else msvcrt), or None where neither exists: then no
    lock is taken and each game still keeps its own file."""
    if fcntl is None and msvcrt is None:
        return None
    return _Locks(fcntl, None) if fcntl is not None else _Locks(None, msvcrt)


def _claim(path: Path):
    """Lock `path`'s slot for this process: an open file holding the lock, None when another process
    holds it, True when no lock can be taken here (a read-only folder: the save itself will say why)."""
    locks = _locks()
    if locks is None:
        return True
    lock = path.parent / f".{path.name}.lock"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        try:  # a read-only folder: a lock file made before still locks
            fd = os.open(lock, os.O_RDONLY)
        except OSError:
            return True
    if not locks.take(fd):
        os.close(fd)
        return None
    _HELD[fd] = path.resolve()
    return fd


def _release(lock) -> None:
    if isinstance(lock, int) and not isinstance(lock, bool):
        _HELD.pop(lock, None)
        locks = _locks()
        if locks is not None:
            locks.drop(lock)
        os.close(lock)


_HELD: dict[int, Path] = {}  # lock file descriptor -> the save file whose slot this process holds


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


class SaveSlot:
    """Where one game in progress is saved after every turn, safely shared with other Leadsim processes.

    * Each game in progress has its own file: the first save of a game takes the wanted file (the
      autosave, or --save FILE) only if no other running Leadsim holds it; otherwise the game gets a
      file of its own in `folder` and the player is told where. An unfinished game found in the
      wanted file is moved into `folder` first (Load lists it), so no save overwrites another game.
    * A failed save (read-only or full disk, a folder that is a file) never stops the game: the
      message says what failed and where; the game stays in memory and the next save tries again;
      the file saved before stays as it was (atomic_write).
    * A finished game leaves the shared autosave (`shared`: `wanted` is the autosave every new game
      wants) for a file of its own in `folder`, at once: the path the end of the game names for
      `leadsim review` then holds that game for good, and no other game (a window and a terminal
      played at once, or the next game) has to move it aside or can be mistaken for it. A file the
      player named (--save FILE, --load FILE) keeps the game where the player put it.

    `save` returns the messages for the player (empty when all is well), one line each.
    """

    def __init__(self, wanted: Path, folder: Path, shared: bool = False):
        self.wanted = Path(wanted)
        self.folder = Path(folder)
        self.shared = shared
        self.path = self.wanted
        self.kept: Path | None = None  # where another game in progress went when this one took the slot
        self.crowded = False  # another running Leadsim held `wanted`, so this game got a file of its own
        self.error: str | None = None  # why the last save failed; None when it worked
        self._session: Session | None = None
        self._lock = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def take(self, session: Session) -> list[str]:
        """Take the slot for `session` before it is first saved: another game found in the wanted file
        is moved aside now, so the player hears where it went before this game's first screen (told
        after turn 1, the note read as part of the new game). The messages, as `save`'s."""
        return self._start(session) if session is not self._session else []

    def save(self, session: Session) -> list[str]:
        notes: list[str] = []
        if session is not self._session:
            notes += self._start(session)
        elif self._lock is True:
            notes += self._claim_again(session)
        try:
            save(session, self.path)
        except OSError as exc:
            self.error = (f"Could not save your game to {self.path}: {_reason(exc)}. It stays in memory; "
                          "saving is tried again after your next turn.")
            return notes + [self.error]
        if self.error is not None:
            notes.append(f"Saved your game to {self.path} again.")
        self.error = None
        if session.done:  # a finished game holds no slot: nothing in progress can be lost any more
            if self.shared and self.path == self.wanted:
                self._finished_to_own_file(session)
            _release(self._lock)
            self._lock = None
        return notes

    def _finished_to_own_file(self, session: Session) -> None:
        """The finished game moves out of the shared autosave into `folder` under a name of its own
        (scenario, seed, time). Written there first, then the autosave removed: a failure on the way
        leaves the game where it was, in the autosave (later moved aside as before), never nowhere."""
        path = unique_path(self.folder, f"{session.scenario.id}-seed{session.seed}-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            save(session, path)
        except OSError:
            return
        try:
            self.wanted.unlink()
        except OSError:
            pass
        self.path = path

    def _start(self, session: Session) -> list[str]:
        """A new game (or a loaded one) takes its slot."""
        self._session, self.kept, self.crowded = session, None, False
        _release(self._lock)
        self.path, self._lock = self.wanted, _claim(self.wanted)
        if self._lock is None:
            return [self._own_file(session)]
        return self._keep_other(session)

    def _claim_again(self, session: Session) -> list[str]:
        """The folder was not writable at the first save: take the lock now if it can be taken."""
        lock = _claim(self.path)
        if lock is True:
            return []
        if lock is None:
            return [self._own_file(session)]
        self._lock = lock
        return self._keep_other(session)

    def _keep_other(self, session: Session) -> list[str]:
        try:
            self.kept = keep_other_game(self.path, session, self.folder)
        except OSError as exc:  # cannot move it aside: then do not write over it either
            return [self._own_file(session, f"the game in {self.path} could not be moved aside ({_reason(exc)})")]
        if self.kept is None:
            return []
        # the path on a line of its own: inside a sentence an 80-column terminal broke it mid-word
        if kept_finished(self.kept):
            return [f"Your finished game was kept (leadsim review FILE shows its review again), in the file:\n"
                    f"{self.kept}"]
        return [f"Your unfinished game was kept (leadsim play --load FILE continues it), in the file:\n"
                f"{self.kept}"]

    def _own_file(self, session: Session, why: str | None = None) -> str:
        _release(self._lock)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        n, path = 1, self.folder / f"{session.scenario.id}-{stamp}.json"
        while True:
            lock = _claim(path) if not path.exists() else None
            if lock is not None:
                break
            n += 1
            path = self.folder / f"{session.scenario.id}-{stamp}-{n}.json"
        self.path, self._lock, self.crowded = path, lock, why is None
        why = why or f"another Leadsim that is running now is saving its game in {self.wanted}"
        return (f"Note: {why}; this game is saved in another file instead (Load lists it; or: leadsim play "
                f"--load FILE):\n{path}")

    def rescue(self, session: Session) -> Path | None:
        """Last try when the program ends with the game unsaved: the slot again, then the temporary folder."""
        self.save(session)
        if self.error is None:
            return self.path
        target = Path(tempfile.gettempdir()) / f"leadsim-rescue-{session.scenario.id}-{os.getpid()}.json"
        try:
            save(session, target)
        except OSError:
            return None
        return target

    def close(self) -> None:
        _release(self._lock)
        self._lock = None


# --- what is saved where: the listing behind Load, Continue and "resume your unfinished game" --------

def save_folder() -> Path:
    """Where named saves, kept games and games of a second running Leadsim go (the Load screen lists them)."""
    from .userdata import data_dir

    return data_dir() / "saves"


@dataclass(frozen=True)
class SaveInfo:
    """One save file as the Load screen and Continue need it, read without replaying the game.

    `problem` says why the file cannot be loaded (damaged, from a newer Leadsim, not a save); the
    other fields are then what could be read. `in_use` is true while another running Leadsim is
    saving its game in this file (resuming it there would make two copies of one game diverge).
    """

    path: Path
    scenario_id: str
    title: str
    turn: int  # turns played
    turns: int  # turns in a whole game
    finished: bool
    modified: float  # when the file was last written (seconds since the epoch)
    seed: int | None = None
    difficulty: str = "standard"
    scenario_sha256: str = ""
    team: str | None = None
    workshop: bool = False
    autosave: bool = False
    in_use: bool = False
    problem: str | None = None
    score: float | None = None  # the score reached (the final score of a finished game)
    practice: bool = False  # a practice copy of another game (game.practice), not a game of its own

    @property
    def resumable(self) -> bool:
        """An unfinished game that loads and that no other running Leadsim is playing."""
        return self.problem is None and not self.finished and not self.in_use


def _held_elsewhere(path: Path) -> bool:
    """True when another process holds `path`'s save lock (see SaveSlot): its game is being played now."""
    locks = _locks()
    if locks is None or Path(path).resolve() in _HELD.values():
        return False
    lock = Path(path).parent / f".{Path(path).name}.lock"
    try:
        fd = os.open(lock, os.O_RDONLY)
    except OSError:
        return False
    try:
        if not locks.take(fd):
            return True
        locks.drop(fd)  # the probe's own lock
    finally:
        os.close(fd)
    return False


def read_info(path: Path, autosave: bool = False) -> SaveInfo:
    """The SaveInfo of one file; never raises for a bad file (its `problem` says what is wrong)."""
    from .jsonfile import read_json

    path = Path(path)
    try:
        modified = path.stat().st_mtime
    except OSError:
        modified = 0.0
    blank = dict(path=path, scenario_id="", title=path.stem, turn=0, turns=0, finished=False, modified=modified,
                 autosave=autosave)
    try:
        data = read_json(path, "save", MAX_SAVE_BYTES, SaveError)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise SaveError(f"{path} is not a Leadsim save file")
        if not isinstance(data.get("version"), int) or data["version"] > VERSION:
            raise SaveError(f"{path} was written by a newer Leadsim")
        if data.get("checksum") != _checksum({k: v for k, v in data.items() if k != "checksum"}):
            raise SaveError(f"{path} is damaged or was edited by hand (checksum mismatch)")
        summary = data.get("summary")
        if not (isinstance(summary, dict) and isinstance(summary.get("title"), str)
                and type(summary.get("turns")) is int and type(summary.get("finished")) is bool
                and (not summary["finished"] or _number(summary.get("score")))):
            session = from_dict(data, str(path))  # an older save: replay it once to learn the rest
            summary = {"title": session.scenario.title, "turns": session.scenario.turns, "finished": session.done,
                       "score": round(session.score(), 1)}
        meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
        turn, seed = data.get("turn"), data.get("seed")
        info = SaveInfo(
            path=path, scenario_id=str(data.get("scenario_id", "")), title=summary["title"],
            turn=turn if type(turn) is int else 0, turns=summary["turns"], finished=summary["finished"],
            modified=modified, seed=seed if type(seed) is int else None,
            difficulty=str(data.get("difficulty", "standard")), scenario_sha256=str(data.get("scenario_sha256", "")),
            team=meta.get("team") if isinstance(meta.get("team"), str) else None, workshop="workshop" in meta,
            autosave=autosave, score=float(summary["score"]) if _number(summary.get("score")) else None,
            practice=isinstance(meta.get("practice"), dict))
    except SaveError as exc:
        return SaveInfo(**blank, problem=str(exc))
    if not info.finished and _held_elsewhere(path):
        info = replace(info, in_use=True)
    return info


def _number(value) -> bool:
    return type(value) in (int, float) and value == value and abs(value) < 1e9


def save_files(autosave: Path | None = None, folder: Path | None = None) -> list[Path]:
    """The autosave (when it exists) and every *.json in the saves folder: the files Load offers."""
    from .userdata import autosave_path

    autosave = Path(autosave) if autosave is not None else autosave_path()
    folder = Path(folder) if folder is not None else save_folder()
    found = [autosave] if autosave.is_file() else []
    if folder.is_dir():
        found += [p for p in folder.glob("*.json") if p.is_file() and p != autosave]
    return found


def offered(path: Path) -> bool:
    """Whether `path` is among the files `leadsim play --text` and Load look at (the autosave, the saves
    folder): a game saved elsewhere (--save FILE) is continued by --load FILE only."""
    from .userdata import autosave_path

    path = Path(path).resolve()
    return path == autosave_path().resolve() or path.parent == save_folder().resolve()


def list_saves(autosave: Path | None = None, folder: Path | None = None) -> list[SaveInfo]:
    """Every save Load offers (the autosave and the saves folder), newest first, each read once."""
    from .userdata import autosave_path

    autosave = Path(autosave) if autosave is not None else autosave_path()
    infos = [read_info(p, autosave=(p == autosave)) for p in save_files(autosave, folder)]
    return sorted(infos, key=lambda i: (-i.modified, str(i.path)))


def find_unfinished(scenario_id: str | None = None, saves_list: Iterable[SaveInfo] | None = None,
                    workshops: bool = False) -> SaveInfo | None:
    """The most recently saved game that can be resumed (see SaveInfo.resumable): of `scenario_id`
    when given; games of a workshop only when `workshops` (they resume through --workshop)."""
    for info in (list_saves() if saves_list is None else saves_list):
        if not info.resumable or (info.workshop and not workshops):
            continue
        if scenario_id is None or info.scenario_id == scenario_id:
            return info
    return None
