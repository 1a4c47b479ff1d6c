"""Hot-seat mode: 2 to 6 teams take turns at one screen (a projector), each on its own Session.

Turn order is round by round: every team plays turn 1 in team order, then
every team plays turn 2, and so on. The room sees all teams move together,
the standings compare teams that have played the same number of turns (at
most one apart), nobody waits through a whole game for their first turn, and
the facilitator can stop after any round to discuss. A team whose game ended
early is skipped.

This is the pygame-free part (teams, order, ranks, saving all teams together),
so any front-end can run a hot seat; the window's app is `ui/hotseat.py`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import saves
from .session import Session
from .views.words import shown
from .userdata import data_dir

MIN_TEAMS, MAX_TEAMS = 2, 6
SAVE_FORMAT = "leadsim-hotseat"


class TeamsError(ValueError):
    """The --hotseat team list cannot be used; the message says why."""


def parse_teams(text: str) -> list[str]:
    """'Team A, Team B' into checked, distinct names (2 to 6 of them)."""
    from .workshop.files import WorkshopError, check_team

    names = [n.strip() for n in (text or "").split(",")]
    if any(not n for n in names):
        raise TeamsError(f"--hotseat needs team names separated by commas, e.g. \"Red,Blue,Green\"; got {text!r}")
    if not MIN_TEAMS <= len(names) <= MAX_TEAMS:
        raise TeamsError(f"hot seat is for {MIN_TEAMS} to {MAX_TEAMS} teams; {len(names)} given")
    out: list[str] = []
    for n in names:
        try:
            out.append(check_team(n))
        except WorkshopError as exc:
            raise TeamsError(str(exc)) from None
    seen: dict[str, str] = {}
    for n in out:
        if n.casefold() in seen:
            if seen[n.casefold()] != n:
                raise TeamsError(f"'{seen[n.casefold()]}' and '{n}' count as the same team name; "
                                 "names must differ by more than upper and lower case")
            raise TeamsError(f"the team name '{n}' is given twice; every team needs its own name")
        seen[n.casefold()] = n
    return out


@dataclass
class Team:
    name: str
    session: Session
    index: int  # 0-based; picks the team's marker colour and shape

    @property
    def done(self) -> bool:
        return self.session.done


def turns_counted(session) -> int:
    """The turns a per-turn ranking spreads a score over: those played, or every turn of the scenario once
    the game is over (a game lost early is not rewarded for stopping)."""
    return session.scenario.turns if session.done else max(1, session.turn)


class HotSeat:
    """The teams and whose turn it is; stateless about order, so a resumed game continues correctly."""

    def __init__(self, names: list[str], make_session: Callable[[str], Session], workshop_name: str | None = None):
        self.teams = [Team(n, make_session(n), i) for i, n in enumerate(names)]
        self.workshop_name = workshop_name
        self.handed_in: dict[str, Path] = {}
        self.resumed = False
        self.save_file: Path | None = None  # --save FILE; None: this hot seat's own file (slot_path)
        self._lock = None

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.teams]

    @property
    def save_path(self) -> Path:
        """Where all teams are saved after every turn: --save FILE, or the hot seat's own file."""
        return self.save_file or slot_path(self.names, self.teams[0].session)

    @property
    def scenario(self):
        return self.teams[0].session.scenario

    @property
    def finished(self) -> bool:
        return all(t.done for t in self.teams)

    def next_team(self) -> Team | None:
        """The unfinished team with the fewest turns played; ties go to the earlier team in the list."""
        playing = [t for t in self.teams if not t.done]
        return min(playing, key=lambda t: (t.session.turn, t.index)) if playing else None

    @property
    def round(self) -> int:
        nxt = self.next_team()
        return (nxt.session.turn + 1) if nxt else self.scenario.turns

    def ranking(self) -> list[Team]:
        """Best first; teams that read the same (one decimal) keep their order of play."""
        values = self.rank_values()
        return sorted(self.teams, key=lambda t: (-shown(values[t.index]), t.index))

    def rank_values(self) -> dict[int, float]:
        """Every team's rank_value by index, with `finished` read once (a room of 200 teams: one pass, not 200)."""
        finished = self.finished
        return {t.index: self._rank_value(t, finished) for t in self.teams}

    def rank_value(self, team: Team) -> float:
        """What teams are ranked by: the final score once every game is over, else the score per turn, scaled
        to the whole game (the same order) and taken from the score as shown. So two teams at the same turn
        tie exactly when their scores read the same: 178.5 and 178.4 after 4 turns are not tied, although both
        make 44.6 a turn. The ranks themselves (equal values share one) are views.standings' one tie rule."""
        return self._rank_value(team, self.finished)

    @staticmethod
    def _rank_value(team: Team, finished: bool) -> float:
        s = team.session
        if finished:
            return s.score()
        return shown(s.score()) * s.scenario.turns / turns_counted(s)

    def hand_in(self, team: Team) -> Path | None:
        """Write a finished team's workshop result file (once); None outside a workshop."""
        from .workshop.handin import hand_in

        if team.name not in self.handed_in:
            where = hand_in(team.session)
            if where is not None:
                self.handed_in[team.name] = where
        return self.handed_in.get(team.name)

    # --- saving all teams together -----------------------------------------------------
    def to_json(self) -> dict:
        return {"format": SAVE_FORMAT, "version": 1, "teams": [t.name for t in self.teams],
                "games": [saves.to_dict(t.session) for t in self.teams]}


# --- where a hot seat is saved: one file per hot-seat game, locked while it runs -------------------------
#
# All hot seats once shared data_dir()/hotseat.json: a second hot seat (other teams, another seed, a
# rehearsal while the room plays) overwrote the first one's games. Now each game has its own file,
# named by what makes it that game, and a running hot seat holds the file's lock (saves' lock: flock
# or msvcrt), so the same hot seat started twice is refused instead of two copies diverging.

LEGACY_FILE = "hotseat.json"  # read (never written) so a hot seat saved by an older Leadsim still resumes


def _identity(names: list[str], session: Session) -> dict:
    """What makes a hot seat the same game: its teams, the scenario version, seed, difficulty, workshop."""
    return {"teams": list(names), "scenario_sha256": session.loaded.sha256, "seed": session.seed,
            "difficulty": session.difficulty, "workshop": session.meta.get("workshop")}


def slot_path(names: list[str], session: Session) -> Path:
    """The hot seat's own file: data_dir()/hotseats/SCENARIO-KEY.json, KEY a digest of its identity."""
    import hashlib

    key = hashlib.sha256(json.dumps(_identity(names, session), sort_keys=True, default=str).encode()).hexdigest()
    return data_dir() / "hotseats" / f"{session.scenario.id}-{key[:16]}.json"


def save_path(hs: HotSeat | None = None) -> Path:
    """Where `hs` is saved (see HotSeat.save_path); without one, the old shared file."""
    return hs.save_path if hs is not None else data_dir() / LEGACY_FILE


class HotSeatBusy(saves.SaveError):
    """The hot seat's file is being written by another running Leadsim, or holds another hot seat."""


def claim(hs: HotSeat) -> None:
    """Take the hot seat's file for this process before play starts; HotSeatBusy (one line) when
    another Leadsim is playing this same hot seat, or when --save FILE holds another unfinished one."""
    path = hs.save_path
    lock = saves._claim(path)
    if lock is None:
        raise HotSeatBusy(f"this hot seat ({', '.join(hs.names)}; seed {hs.teams[0].session.seed}) is being "
                          f"played in another Leadsim that is running now, saving in {path}; close that one "
                          "first, or start another hot seat (other teams or another --seed)")
    other = _unfinished_other(path, hs)
    if other:
        saves._release(lock)
        raise HotSeatBusy(f"{path} holds another unfinished hot seat ({other}); it is not overwritten: "
                          "choose another --save file, or continue that hot seat with its own teams and seed")
    hs._lock = lock


def release(hs: HotSeat) -> None:
    saves._release(hs._lock)
    hs._lock = None


def _unfinished_other(path: Path, hs: HotSeat) -> str | None:
    """The teams of another, unfinished hot seat saved in `path` ('Red, Blue'), else None."""
    data = _read(path)
    if data is None or not isinstance(data.get("games"), list):
        return None
    mine = _identity(hs.names, hs.teams[0].session)
    try:
        sessions = [saves.from_dict(g, str(path)) for g in data["games"]]
    except (saves.SaveError, TypeError):
        return None
    if not sessions or all(s.done for s in sessions):
        return None
    if _identity(list(data.get("teams") or []), sessions[0]) == mine:
        return None
    return ", ".join(str(t) for t in data.get("teams") or [])


def _read(path: Path) -> dict | None:
    from .jsonfile import read_json

    try:
        data = read_json(path, "hot seat", MAX_TEAMS * saves.MAX_SAVE_BYTES, ValueError)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == SAVE_FORMAT else None


def save(hs: HotSeat, path: Path | None = None) -> None:
    saves.atomic_write(path or hs.save_path, json.dumps(hs.to_json()))


def resume(names: list[str], fresh: Session, path: Path | None = None) -> list[Session] | None:
    """The saved games of these teams, if their file (`path`, else this hot seat's own file, else the old
    shared hotseat.json) holds an unfinished hot seat of the same game."""
    for where in ([path] if path else [slot_path(names, fresh), data_dir() / LEGACY_FILE]):
        found = _resume_from(where, names, fresh)
        if found is not None:
            return found
    return None


def _resume_from(path: Path, names: list[str], fresh: Session) -> list[Session] | None:
    data = _read(path)
    if data is None or data.get("teams") != names:
        return None
    try:
        sessions = [saves.from_dict(g, str(path)) for g in data["games"]]
    except (KeyError, TypeError, saves.SaveError):
        return None
    same = all(_identity(names, s) == _identity(names, fresh) for s in sessions)
    if not same or all(s.done for s in sessions) or len(sessions) != len(names):
        return None
    return sessions
