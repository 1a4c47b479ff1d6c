"""Verify hand-in results by replaying them: the leaderboard only trusts replays."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..plaintext import plain
from ..session import DecisionError, Session
from .files import ScenarioVersionError, Workshop, WorkshopError, fingerprint, read_result
from ..views.standings import team_label
from .replay import false_claim, replay, unfinished, workshop_of


@dataclass
class Verified:
    path: Path
    result: dict
    session: Session
    served: bool = False  # a workshop server wrote it from a game it played itself (verify_all's `served`): the
    # team played in the browser (or was a server's bot), so it has no result file of its own to review

    @property
    def in_browser(self) -> bool:
        """The team played in a workshop's browser room (or was its bot): the server said so as it handed the
        game over (`served`), or the file the server wrote says so ('played_in'). Only the debrief's words
        follow the file's claim; which copies of a game are held back (_held_copies) trusts `served` alone."""
        return self.served or self.result.get("played_in") == "browser"

    @property
    def team(self) -> str:
        return self.result["team"]

    @property
    def bot(self) -> bool:
        """A bot played this team's game (a workshop's bot at an empty table, or a rehearsal)."""
        return bool(self.result.get("policy"))

    @property
    def label(self) -> str:
        """The team's name as the report and slides show it, a bot's with the one mark (views.standings)."""
        return team_label(self.team, self.bot)

    @property
    def finished(self) -> bool:
        """An unfinished game (the workshop ended mid-game) is verified as far as it went, never ranked."""
        return self.session.done


@dataclass
class Rejected:
    path: Path
    team: str | None
    reason: str

    def __str__(self) -> str:
        who = f" (team {self.team})" if self.team else ""
        return plain(f"{self.path}{who}: rejected: {self.reason}", markup=False).replace("\n", " ")


def _settings_problem(result: dict, workshop: Workshop) -> str | None:
    """A result must have been played with the workshop's settings, not easier ones."""
    settings = result.get("settings") or {}
    difficulty = settings.get("difficulty", "standard")
    if difficulty != workshop.difficulty:
        return f"it was played on difficulty '{difficulty}', the workshop uses '{workshop.difficulty}'"
    clock = settings.get("turn_seconds")
    if clock != workshop.turn_seconds:
        def said(seconds):
            return f"{seconds} s per turn" if seconds else "no turn clock"
        return f"it was played with {said(clock)}, the workshop's turn clock is {said(workshop.turn_seconds)}"
    return None


def verify_one(path: Path, workshop: Workshop | None, unfinished_ok: bool = False) -> Verified | Rejected:
    """One result file, replayed. `unfinished_ok`: a game that stopped early but replays true is Verified
    (its `finished` is False; the debrief lists it with the turn it reached), instead of Rejected."""
    path = Path(path)
    try:
        result = read_result(path)
    except WorkshopError as exc:
        return Rejected(path, None, str(exc).removeprefix(f"{plain(str(path), markup=False)}: "))
    team = result["team"]
    if workshop is not None:
        if result["workshop"] != workshop.name:
            return Rejected(path, team, f"it belongs to the workshop '{result['workshop']}', not '{workshop.name}'")
        if result["scenario_sha256"] != workshop.scenario_sha256:
            return Rejected(path, team, f"it was played on another version of the scenario (content hash "
                                        f"{result['scenario_sha256'][:12]}) than this workshop file pins "
                                        f"({workshop.scenario_sha256[:12]}): is it from another workshop file, "
                                        "or one made again after an update?")
        if result["seed"] != workshop.seed:
            return Rejected(path, team, f"it was played with seed {result['seed']}, the workshop uses {workshop.seed}")
        problem = _settings_problem(result, workshop)
        if problem:
            return Rejected(path, team, problem)
    try:
        session = replay(result, workshop or workshop_of(result, path))
    except ScenarioVersionError as exc:  # the facilitator reads this, not a participant
        return Rejected(path, team, exc.for_facilitator(with_workshop=workshop is not None))
    except (WorkshopError, DecisionError) as exc:
        return Rejected(path, team, str(exc))
    problem = false_claim(result, session) or (None if unfinished_ok else unfinished(session))
    if problem:
        return Rejected(path, team, problem)
    return Verified(path, result, session)


def group_key(v: Verified) -> tuple:
    """Results that may be ranked together: same workshop, scenario version, seed and settings."""
    settings = v.result.get("settings") or {}
    return (v.result["workshop"], v.result["scenario_sha256"], v.result["seed"],
            settings.get("difficulty", "standard"), settings.get("turn_seconds"))


def _game_key(v: Verified) -> str:
    """Identity of a game whoever claims it: its group and its decisions, not the team name."""
    return json.dumps([group_key(v), v.result["log"]], sort_keys=True)


def _files(items: list[Verified]) -> str:
    return ", ".join(f"{plain(str(v.path), markup=False)} (team {v.team})" for v in items)


def _one_bot(same: list[Verified]) -> bool:
    """The same bot at several empty tables plays the same game every time: that is no one's copy.

    (A person who claims to be that bot is listed as the bot in the report, so the claim gains nothing.)
    """
    policies = {v.result.get("policy") for v in same}
    return len(policies) == 1 and None not in policies


def _held_copies(same: list[Verified], served: set[Path]) -> list[Verified]:
    """Which of several files with one game are held back as "ask who played it".

    A game the server played itself (`served`) is its team's beyond doubt: teams that decide alike,
    or absent tables whose every turn ran out on the same clock, play the same game on a workshop's
    one seed. Only a handed-in copy of such a game is in doubt; among handed-in files, all are.
    """
    if len(same) < 2 or _one_bot(same):
        return []
    doubtful = [v for v in same if Path(v.path).resolve() not in served]
    if len(doubtful) == len(same):
        return same
    return doubtful


def verify_all(paths: list[Path], workshop: Workshop | None = None,
               served: Iterable[Path] = (), unfinished_ok: bool = False) -> tuple[list[Verified], list[Rejected]]:
    """Every file is judged on its own, then against the others.

    An identical copy of a file counts once. Anything ambiguous is not decided here but shown to
    the facilitator with every file involved: the same game under two team names (one of them is
    not who played it), or one team name claimed by two different games (a squatter, or a team
    that played twice). Those files are held back until the facilitator debriefs with the right one.
    `served` names the files a workshop server wrote from games it played itself (see _held_copies).
    With `unfinished_ok` the accepted list may hold unfinished games (see verify_one): split them by
    `Verified.finished` before ranking.
    """
    accepted: list[Verified] = []
    rejected: list[Rejected] = []
    first_copy: dict[str, Path] = {}
    for path in paths:
        outcome = verify_one(Path(path), workshop, unfinished_ok)
        if isinstance(outcome, Rejected):
            rejected.append(outcome)
        elif fingerprint(outcome.result) in first_copy:
            rejected.append(Rejected(outcome.path, outcome.team,
                                     f"an identical copy of {plain(str(first_copy[fingerprint(outcome.result)]), markup=False)}; "
                                     "counted once"))
        else:
            first_copy[fingerprint(outcome.result)] = outcome.path
            accepted.append(outcome)
    held: dict[Path, str] = {}
    by_game: dict[str, list[Verified]] = {}
    by_team: dict[tuple, list[Verified]] = {}
    for v in accepted:
        by_game.setdefault(_game_key(v), []).append(v)
        by_team.setdefault((group_key(v), v.team.casefold()), []).append(v)
    served = {Path(p).resolve() for p in served}
    for same in by_game.values():
        for v in _held_copies(same, served):
            held.setdefault(v.path, f"the same game (identical decisions) was handed in under {len(same)} team "
                                        f"names: {_files(same)}; ask who played it and debrief with that file only")
    for clash in by_team.values():
        if len(clash) > 1:
            for v in clash:
                held.setdefault(v.path, f"the team name '{v.team}' was handed in by {len(clash)} different games: "
                                        f"{_files(clash)}; decide which one counts and debrief without the other(s)")
    rejected += [Rejected(v.path, v.team, held[v.path]) for v in accepted if v.path in held]
    for v in accepted:
        v.served = Path(v.path).resolve() in served
    return [v for v in accepted if v.path not in held], rejected


def groups(verified: list[Verified]) -> list[list[Verified]]:
    """The verified results split into groups that may be ranked together, in order of first appearance."""
    out: dict[tuple, list[Verified]] = {}
    for v in verified:
        out.setdefault(group_key(v), []).append(v)
    return list(out.values())
