"""Workshop files (handed out by the facilitator) and result files (handed in).

A workshop file pins a scenario by the SHA-256 of its content, plus the seed
and settings every participant plays with. A result file carries the full
decision log, so the facilitator can verify it by replaying; the claimed
outcome and score are only there to be checked.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..jsonfile import read_json
from ..plaintext import plain
from ..safefile import MAX_NAMED_PATH, UnsafeFile, inside_folder, slug
from ..saves import atomic_write
from ..scenario.loader import LoadedScenario, builtin_names, load, load_text_bytes
from ..scenario.problems import ScenarioError
from ..scenario.yamlpos import MAX_FILE_BYTES as SCENARIO_MAX_BYTES
from ..scenario.schema import ID_PATTERN, LIMITS
from ..session import DIFFICULTIES, Session

WORKSHOP_FORMAT = "leadsim-workshop"
RESULT_FORMAT = "leadsim-result"
VERSION = 1
# Result files: version 2 came with the compiled model, whose numbers differ from version 1's in
# the last digits. A version-1 result is still replayed and ranked by its replay, but its own
# claims (score, outcome) were computed by the old model and are not compared.
RESULT_VERSION = 2
MAX_FILE_BYTES = 5_000_000
TEAM_PATTERN = re.compile(r"^[\w][\w .'+\-]{0,39}$")  # TEAM_RULE in words


class WorkshopError(ValueError):
    """A workshop or result file cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class Workshop:
    name: str
    scenario: str  # a built-in name, or a file next to the workshop file (relative to its folder)
    scenario_sha256: str
    scenario_id: str
    seed: int
    difficulty: str = "standard"
    turn_seconds: int | None = None
    path: Path | None = None  # the workshop (or result) file this was read from
    # The pinned scenario's text, as the workshop file carries it (workshop new writes it), so an update of
    # Leadsim or of the scenario between hand-out and debrief breaks neither play nor the debrief.
    scenario_text: str | None = field(default=None, repr=False, compare=False)
    # The file's own identity, drawn at random by `workshop new` (ROOM_ID): `leadsim serve` keeps a room's games
    # under it, so a new file is a new room even with the same name, scenario and seed (next week's group),
    # while the same file served again (after a crash, a copy of it) resumes its room. None in a file made
    # before it existed: such a room is keyed on name, scenario and seed, as it always was.
    room: str | None = field(default=None, compare=False)
    # How long the debrief is planned to be (`workshop new --debrief-minutes`; None: the report's 45-minute
    # plan): the report's agenda follows it. Not part of the game, so never compared (trainer 2's s6 finding 8).
    debrief_minutes: int | None = field(default=None, compare=False)

    def to_json(self) -> dict:
        data = {"format": WORKSHOP_FORMAT, "version": VERSION, "name": self.name, "scenario": self.scenario,
                "scenario_id": self.scenario_id, "scenario_sha256": self.scenario_sha256, "seed": self.seed,
                "difficulty": self.difficulty, "turn_seconds": self.turn_seconds}
        if self.room is not None:
            data["room"] = self.room
        if self.debrief_minutes is not None:
            data["debrief_minutes"] = self.debrief_minutes
        return data

    def load_scenario(self) -> LoadedScenario:
        """The pinned scenario, refusing any other version of it.

        Read from a file, the scenario is a built-in name or a file inside that file's folder
        (safefile.inside_folder); made by `workshop new`, it is what the facilitator named.
        """
        try:
            name = scenario_file(self.scenario, self.path) if self.path is not None else self.scenario
            loaded = load(name)
        except WorkshopError as exc:
            loaded = self._pinned_copy()
            if loaded is None:
                raise WorkshopError(f"the scenario {_shown(self.scenario)} is not available here: {exc}") from None
        except ScenarioError as exc:
            loaded = self._pinned_copy()
            if loaded is None:
                raise WorkshopError(f"the workshop's scenario {_shown(self.scenario)} is not available here: "
                                    f"{plain(exc.problems[0].message, markup=False)}") from None
        if loaded.sha256 != self.scenario_sha256:
            pinned = self._pinned_copy()
            if pinned is not None:
                return pinned
            raise ScenarioVersionError(self.scenario, loaded.sha256, self.scenario_sha256)
        return loaded

    def _pinned_copy(self) -> LoadedScenario | None:
        """The scenario text the workshop file carries, when it is exactly the pinned version."""
        if not self.scenario_text:
            return None
        raw = self.scenario_text.encode("utf-8")
        for candidate in (raw, b"\xef\xbb\xbf" + raw):  # the loader's text drops a byte-order mark
            if hashlib.sha256(candidate).hexdigest() == self.scenario_sha256:
                try:
                    loaded = load_text_bytes(candidate, f"{self.scenario} (as pinned in the workshop file)")
                except ScenarioError:
                    return None
                loaded.source = self.scenario
                return loaded
        return None


class ScenarioVersionError(WorkshopError):
    """The scenario here is not the version a workshop pinned (Leadsim or the scenario changed since)."""

    def __init__(self, scenario: str, found: str, pinned: str):
        self.scenario, self.found, self.pinned = scenario, found, pinned
        super().__init__(
            f"your copy of the scenario {_shown(scenario)} differs from the one this workshop was made "
            f"for (content hash {found[:12]} instead of {pinned[:12]}); "
            "ask the facilitator for the right scenario file or Leadsim version")

    def for_facilitator(self, with_workshop: bool = False) -> str:
        """The same fact in the words of the person who runs the debrief, with what to do about it
        (`with_workshop`: the debrief was given the workshop file, which carries no copy of its scenario)."""
        fact = (f"this Leadsim's scenario {_shown(self.scenario)} is not the version the workshop pinned (content "
                f"hash {self.found[:12]} instead of {self.pinned[:12]}): Leadsim or the scenario changed since the "
                "workshop file was made")
        if with_workshop:
            return (f"{fact}, and that workshop file is too old to carry its scenario. Debrief with the Leadsim "
                    "version (or the scenario file) that made it")
        return (f"{fact}. Debrief with --workshop and the workshop file (one made by `leadsim workshop new` of "
                "this Leadsim carries its scenario, so updates do not matter), or with the Leadsim version that "
                "made the workshop file")


def _shown(value, limit: int = 40) -> str:
    """A value from a file, short and printable, for a message."""
    text = value if isinstance(value, str) else repr(value) if not isinstance(value, int) or abs(value) < 10 ** 30 \
        else f"a {len(str(abs(value)))}-digit number"
    text = plain(text, markup=False).replace("\n", "\\n")
    short = text if len(text) <= limit else text[:limit] + f"... ({len(text):,} characters)"
    return f"'{short}'" if isinstance(value, str) else short


def scenario_file(named: str, naming_file: Path) -> str:
    """What `load` gets for a scenario named inside a file: a built-in name, or a file inside its folder."""
    if named in builtin_names():
        return named
    try:
        return str(inside_folder(named, naming_file))
    except UnsafeFile as exc:
        raise WorkshopError(str(exc)) from None


# --- the rules of a workshop's settings: one place for `workshop new` and for reading files ----------

WORKSHOP_NAME_MAX = 80
SEED_RANGE = (-(2 ** 63), 2 ** 64 - 1)
ROOM_ID = re.compile(r"[0-9a-f]{8,32}")  # Workshop.room: `workshop new` draws 12 hex digits (fullmatch: a "$"
# also matches before a final newline, which then went into the room's database and lock file names)
TURN_SECONDS_RANGE = (10, 3600)
DEBRIEF_MINUTES = (15, 120)  # the lengths the report's agenda plans a debrief for (room_report.agenda)


def check_workshop_name(name) -> str:
    text = name.strip() if isinstance(name, str) else name
    if not isinstance(text, str) or not text or len(text) > WORKSHOP_NAME_MAX or plain(text, markup=False) != text:
        raise WorkshopError(f"the workshop name ('name', --name) must be 1 to {WORKSHOP_NAME_MAX} characters of text "
                            f"without control characters, not {_shown(name)}")
    return text


def check_difficulty(difficulty) -> str:
    if not isinstance(difficulty, str) or difficulty not in DIFFICULTIES:
        raise WorkshopError(f"unknown difficulty ('difficulty', --difficulty) {_shown(difficulty)}; "
                            f"choose {', '.join(DIFFICULTIES)}")
    return difficulty


def check_turn_seconds(seconds) -> int | None:
    lo, hi = TURN_SECONDS_RANGE
    if seconds is not None and (type(seconds) is not int or not lo <= seconds <= hi):
        raise WorkshopError(f"the turn clock ('turn_seconds', --turn-seconds) must be a whole number of seconds "
                            f"from {lo} to {hi} (or none), not {_shown(seconds)}")
    return seconds


def check_debrief_minutes(minutes) -> int | None:
    """The debrief's planned length in whole minutes, within the lengths the report's agenda plans for."""
    lo, hi = DEBRIEF_MINUTES
    if minutes is not None and (type(minutes) is not int or not lo <= minutes <= hi):
        raise WorkshopError(f"the debrief's length ('debrief_minutes', --debrief-minutes, --minutes) must be a whole "
                            f"number of minutes from {lo} to {hi}, not {_shown(minutes)}")
    return minutes


def check_seed(seed) -> int:
    lo, hi = SEED_RANGE
    if type(seed) is not int or not lo <= seed <= hi:
        raise WorkshopError(f"the seed ('seed', --seed) must be a whole number from -2^63 to 2^64-1, not {_shown(seed)}")
    return seed


# The rule as people read it: on the browser's join page (before they type), in its refusal, in the error of
# --team, in `play --help` and `simulate --help`, and in the README. Words, not a list of quoted characters
# (s6: "'.', '-', '+' or \"'\"" read as punctuation soup).
TEAM_NAME_MAX = 40
TEAM_RULE = (f"letters (accented too), digits, spaces and . - + ' only, at most {TEAM_NAME_MAX} characters, "
             "starting with a letter or digit (no &, double quotes or brackets)")
_TEAM_CHAR = re.compile(r"[\w .'+\-]")


def check_team(team) -> str:
    """The rule for team names, for --team and for every result file read; a refusal names what is wrong."""
    text = team.strip() if isinstance(team, str) else ""
    if not TEAM_PATTERN.match(text) or "\n" in text:
        bad = [f"“{c}”" for c in sorted({c for c in text if not _TEAM_CHAR.fullmatch(c)}) if c.isprintable()][:5]
        why = ""
        if bad:
            why = f" ({', '.join(bad[:-1]) + ' and ' + bad[-1] if len(bad) > 1 else bad[0]} cannot be in a team name)"
        elif text and len(text) <= TEAM_NAME_MAX and not text[0].isalnum():
            why = f" (it starts with “{text[0]}”)"
        raise TeamNameError(f"team name {_shown(team)} is not usable{why}", TEAM_RULE)
    return text


class TeamNameError(WorkshopError):
    """A team name against the rule: `short` says what is wrong (for a page that shows the rule beside the
    field already), the message adds the rule itself (for a command line)."""

    def __init__(self, short: str, rule: str):
        super().__init__(f"{short}: use {rule}")
        self.short = short


def create(scenario: str, seed: int, name: str, difficulty: str | None = "standard",
           turn_seconds: int | None = None, debrief_minutes: int | None = None) -> Workshop:
    """A new workshop; `difficulty` None: the scenario's default one (`workshop new` without --difficulty).
    It is written into the file so that every team plays it (a later change of the scenario's default
    changes no workshop)."""
    name = check_workshop_name(name) if isinstance(name, str) and name.strip() else _no_name()
    if difficulty is not None:
        check_difficulty(difficulty)
    check_turn_seconds(turn_seconds)
    check_debrief_minutes(debrief_minutes)
    check_seed(seed)
    loaded = load(scenario)
    difficulty = difficulty or loaded.scenario.default_difficulty
    return Workshop(name, scenario, loaded.sha256, loaded.scenario.id, seed, difficulty, turn_seconds,
                    scenario_text=loaded.text, room=secrets.token_hex(6), debrief_minutes=debrief_minutes)


def _no_name():
    raise WorkshopError("the workshop needs a name (--name)")


def write_workshop(workshop: Workshop, path: Path) -> None:
    data = workshop.to_json()
    if workshop.scenario_text:
        data["scenario_text"] = workshop.scenario_text  # the pinned version itself: see Workshop.scenario_text
    atomic_write(Path(path), json.dumps(data, indent=2) + "\n")


def _read_json(path: Path, what: str) -> dict:
    return read_json(path, what, MAX_FILE_BYTES, WorkshopError)


SHA256 = re.compile(r"^[0-9a-f]{64}$")
SCENARIO_ID = re.compile(ID_PATTERN)
BOT_NAME = re.compile(r"^[a-z][a-z0-9+_-]{0,39}$")  # a policy name, as `simulate --policy` takes


def _text(data: dict, key: str, limit: int, pattern: re.Pattern | None = None, optional: bool = False):
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value or len(value) > limit or (pattern and not pattern.fullmatch(value)) \
            or plain(value, markup=False) != value:
        raise WorkshopError(f"'{key}' must be {'an id' if pattern is SCENARIO_ID else 'text'} of 1 to {limit} "
                            f"characters{' (a SHA-256 in hex)' if pattern is SHA256 else ''}, not {_shown(value)}")
    return value


def workshop_from_json(data, path: Path | None) -> Workshop:
    """A workshop from its JSON, every field checked with the rules of `workshop new`.

    Used for workshop files and for the workshop a saved game carries (then `path` is None).
    """
    if not isinstance(data, dict) or data.get("format") != WORKSHOP_FORMAT:
        raise WorkshopError("not a Leadsim workshop file")
    if type(data.get("version")) is not int or not 1 <= data["version"] <= VERSION:
        raise WorkshopError(f"'version' {_shown(data.get('version'))} is not a workshop format this Leadsim "
                            f"reads (1 to {VERSION}); is it from a newer Leadsim?")
    for key in ("name", "scenario", "scenario_sha256", "scenario_id", "seed"):
        if key not in data:
            raise WorkshopError(f"the workshop file is incomplete ('{key}' is missing)")
    scenario = _text(data, "scenario", MAX_NAMED_PATH)
    if path is not None:
        scenario_file(scenario, path)  # the path rule, before anything is opened
    return Workshop(check_workshop_name(data["name"]), scenario, _text(data, "scenario_sha256", 64, SHA256),
                    _text(data, "scenario_id", 40, SCENARIO_ID), check_seed(data["seed"]),
                    check_difficulty(data.get("difficulty", "standard")), check_turn_seconds(data.get("turn_seconds")),
                    Path(path) if path is not None else None, _scenario_text(data.get("scenario_text")),
                    _room_id(data.get("room")), check_debrief_minutes(data.get("debrief_minutes")))


def _room_id(value) -> str | None:
    """Workshop.room as a file holds it: absent, or the hex digits `workshop new` drew (it names a file)."""
    if value is None:
        return None
    if not isinstance(value, str) or not ROOM_ID.fullmatch(value):
        raise WorkshopError(f"'room' must be the 8 to 32 hex digits `leadsim workshop new` wrote, not {_shown(value)}; "
                            "make a new file with `leadsim workshop new`")
    return value


def _scenario_text(value) -> str | None:
    """A workshop file's copy of its scenario: text of a scenario file's size, or nothing. It is used only
    when its hash is the pinned one, and then goes through the scenario loader like any scenario file."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value.encode("utf-8")) > SCENARIO_MAX_BYTES:
        raise WorkshopError(f"'scenario_text' must be the text of a scenario file (at most {SCENARIO_MAX_BYTES:,} "
                            "bytes)")
    return value


def read_workshop(path: Path) -> Workshop:
    data = _read_json(path, "workshop")
    try:
        return workshop_from_json(data, Path(path))
    except WorkshopError as exc:
        raise WorkshopError(f"{plain(str(path), markup=False)}: {exc}") from None


PLAYED_IN = ("browser",)  # a result's 'played_in': where its team played, when not in its own Leadsim


def result_of(session: Session, workshop: Workshop, team: str, policy: str | None = None,
              played_in: str | None = None) -> dict:
    """The hand-in file for a finished (or abandoned) game. `played_in` "browser": a workshop server wrote it
    from a game its browser team played there, so the file itself says so, and a debrief built later from the
    server's stored results (`leadsim debrief .../results/*.json`) tells that team what the console's debrief
    tells it (no `leadsim review`: a browser team has no file and no Leadsim; trainer s7 3, finding 8)."""
    summary = session.result(policy)
    where = {"played_in": played_in} if played_in else {}
    return {
        "format": RESULT_FORMAT, "version": RESULT_VERSION,
        "team": team, "workshop": workshop.name,
        "scenario": workshop.scenario, "scenario_id": workshop.scenario_id,
        "scenario_sha256": workshop.scenario_sha256,
        "seed": session.seed, "settings": {"difficulty": session.difficulty, "turn_seconds": workshop.turn_seconds},
        "policy": policy,
        "log": [d.to_json() for d in session.log],
        "finished": session.done,
        "outcome": summary["outcome"], "ending": summary["ending"], "score": summary["score"],
        "turns": summary["turns"], "metrics": summary["metrics"],
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        **where,
    }


def results_dir() -> Path:
    from ..userdata import data_dir

    path = data_dir() / "results"
    path.mkdir(parents=True, exist_ok=True)
    return path


def result_filename(workshop: Workshop, team: str) -> str:
    """'leadership-day-zürich-l-équipe-d-ève-müller.json': readable aloud, accents kept (safefile.slug)."""
    return f"{slug(f'{workshop.name}-{team}', empty='result')}.json"


def write_result(result: dict, path: Path) -> Path:
    atomic_write(Path(path), json.dumps(result, indent=1) + "\n")
    return Path(path)


OUTCOMES = ("win", "loss", "neutral", "running")
POLICY = re.compile(r"^[a-z][a-z0-9_+\-]{0,39}$")
MAX_VALUE = 1e12  # claimed scores and metric values: finite and at most this large


def _number(value) -> bool:
    """A finite number of at most MAX_VALUE (a 400-digit int would overflow float(), NaN and inf are refused)."""
    if type(value) is int:
        return abs(value) <= MAX_VALUE
    return type(value) is float and math.isfinite(value) and abs(value) <= MAX_VALUE


def _check_log(log) -> list:
    if not isinstance(log, list) or len(log) > LIMITS["turns"]:
        raise WorkshopError(f"'log' must be a list of at most {LIMITS['turns']} decisions")
    for turn, entry in enumerate(log, 1):
        ok = (isinstance(entry, dict) and set(entry) <= {"actions", "choice", "timed_out", "bot"}
              and isinstance(entry.get("actions", []), list) and len(entry.get("actions", [])) <= LIMITS["actions"]
              and all(isinstance(a, str) and SCENARIO_ID.fullmatch(a) for a in entry.get("actions", []))
              and (entry.get("choice") is None or (isinstance(entry["choice"], str) and SCENARIO_ID.fullmatch(entry["choice"])))
              and isinstance(entry.get("timed_out", False), bool)
              and (entry.get("bot") is None or (isinstance(entry["bot"], str) and BOT_NAME.fullmatch(entry["bot"]))))
        if not ok:
            raise WorkshopError(f"'log' turn {turn} is not a decision (a list of action ids, an answer id or none, "
                                "timed_out true or false, the bot that played it or none)")
    return log


def check_result(data) -> dict:
    """Every field of a result file, type- and length-checked; raises WorkshopError naming the first bad one."""
    if not isinstance(data, dict) or data.get("format") != RESULT_FORMAT:
        raise WorkshopError("not a Leadsim result file")
    version = data.get("version")
    if type(version) is int and version > RESULT_VERSION:
        raise WorkshopError(f"written by a newer Leadsim (result format {version})")
    if type(version) is not int or version < 1:
        raise WorkshopError(f"the result file is damaged ('version' is {_shown(version)})")
    if len(data) > 40:
        raise WorkshopError(f"the result file has {len(data)} fields; it is damaged")
    for key, kind in (("team", str), ("workshop", str), ("scenario_sha256", str), ("seed", int),
                      ("log", list), ("score", (int, float)), ("outcome", str)):
        if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
            raise WorkshopError(f"the result file is incomplete or damaged ('{key}' is missing "
                                "or has the wrong type)")
    data["team"] = check_team(data["team"])
    try:
        data["workshop"] = check_workshop_name(data["workshop"])
    except WorkshopError:
        raise WorkshopError(f"'workshop' must be a workshop name of 1 to {WORKSHOP_NAME_MAX} characters without "
                            f"control characters, not {_shown(data['workshop'])}") from None
    _text(data, "scenario", MAX_NAMED_PATH, optional=True)
    _text(data, "scenario_id", 40, SCENARIO_ID, optional="scenario_id" not in data)
    _text(data, "scenario_sha256", 64, SHA256)
    check_seed(data["seed"])
    settings = data.get("settings")
    if settings is not None:
        if not isinstance(settings, dict) or not set(settings) <= {"difficulty", "turn_seconds"}:
            raise WorkshopError("'settings' must hold only 'difficulty' and 'turn_seconds'")
        try:
            check_difficulty(settings.get("difficulty", "standard"))
            check_turn_seconds(settings.get("turn_seconds"))
        except WorkshopError as exc:
            raise WorkshopError(f"'settings': {exc}") from None
    policy = data.get("policy")
    if policy is not None and not (isinstance(policy, str) and POLICY.fullmatch(policy)):
        raise WorkshopError(f"'policy' must be a bot's name (or none), not {_shown(policy)}")
    _check_log(data["log"])
    if not _number(data["score"]):
        raise WorkshopError(f"'score' must be a finite number of at most {MAX_VALUE:g}, not {_shown(data['score'])}")
    if data["outcome"] not in OUTCOMES:
        raise WorkshopError(f"'outcome' must be one of {', '.join(OUTCOMES)}, not {_shown(data['outcome'])}")
    _text(data, "ending", 40, SCENARIO_ID, optional=True)
    if "finished" in data and not isinstance(data["finished"], bool):
        raise WorkshopError("'finished' must be true or false")
    turns = data.get("turns")
    if turns is not None and (type(turns) is not int or not 0 <= turns <= LIMITS["turns"]):
        raise WorkshopError(f"'turns' must be a whole number from 0 to {LIMITS['turns']}, not {_shown(turns)}")
    metrics = data.get("metrics")
    if metrics is not None and not (isinstance(metrics, dict) and len(metrics) <= LIMITS["metrics"]
                                    and all(isinstance(k, str) and SCENARIO_ID.fullmatch(k) and _number(v)
                                            for k, v in metrics.items())):
        raise WorkshopError(f"'metrics' must map at most {LIMITS['metrics']} metric ids to finite numbers")
    _text(data, "created", 40, optional=True)
    if data.get("played_in") is not None and data["played_in"] not in PLAYED_IN:
        raise WorkshopError(f"'played_in' must be {' or '.join(PLAYED_IN)} (or none), not {_shown(data['played_in'])}")
    return data


def read_result(path: Path) -> dict:
    data = _read_json(path, "result")
    try:
        return check_result(data)
    except WorkshopError as exc:
        raise WorkshopError(f"{plain(str(path), markup=False)}: {exc}") from None


def fingerprint(result: dict) -> str:
    """Identity of a game: same team, workshop and decisions give the same fingerprint."""
    core = json.dumps([result.get("workshop"), result.get("team"), result.get("scenario_sha256"),
                       result.get("seed"), result.get("log")], sort_keys=True)
    return hashlib.sha256(core.encode()).hexdigest()
