"""The server's games: each team's Session, rebuilt from the store whenever the store knows more.

Nothing here is the truth: the store is. The cache of sessions only saves
replaying a team's log on every request; before each use it is brought up to
the number of decisions in the database (another process may have added
some), and a team whose cache is lost (a restart, `kill -9`) is rebuilt from
its seed and log through `Session`, exactly as a result file is verified.

Every change goes through `Session.decide`; no rule of the game is computed
here. A decision carries the turn number it was made for: the same turn sent
twice (a double click, a retry after a dropped connection) is applied once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from ..scenario.loader import LoadedScenario, builtin_names, load
from ..session import Decision, DecisionError, Session, TurnReport
from ..views import join as join_words
from ..workshop.files import TeamNameError, Workshop, WorkshopError, check_team
from .room import Room, RoomState
from .store import DuplicateTeam, Store, TeamRow, new_code, JOIN_CODE_LENGTH

CLOCK_GRACE = 2.0  # seconds after the clock's zero in which a decision still counts (the network is not instant)
PRACTICE_DIFFICULTY = "guided"
MAX_TEAM_CHARS = 40  # as check_team's rule (the --team option)


class JoinError(ValueError):
    """The join form cannot be accepted; the message says what to change (`on_page`: the same said for the join
    page, which shows the name rule beside the field already)."""

    def __init__(self, message: str, on_page: str | None = None):
        super().__init__(message)
        self.on_page = on_page or message


class WrongCode(JoinError):
    """A join or rejoin code that is not this room's: counted per address (ratelimit) against guessing."""


class TurnConflict(ValueError):
    """A decision for a turn that is not the one being decided (a stale page or a client ahead of the server)."""


class RoomHeld(DecisionError):
    """The room does not take decisions now (paused, the turn's round not open, the workshop ended)."""


@dataclass
class Outcome:
    """What the server did with a decision."""

    turn: int
    applied: bool  # False: this turn was already decided; `decision` is the one that counts
    decision: Decision
    timed_out: bool


class Games:
    """A workshop's teams (or, without a workshop, free practice games) and the one door to change them."""

    def __init__(self, store: Store, workshop: Workshop | None):
        self.store = store
        self.workshop = workshop
        self.room = Room(store)
        self._scenarios: dict[str, LoadedScenario] = {}
        self._sessions: dict[int, Session] = {}
        self._synced: set[int] = set()  # teams whose cached game has every decision in the store ...
        self._version: int | None = None  # ... as of this Store.data_version
        self._views: dict[int, tuple[int, dict[str, object]]] = {}  # team -> (turn, {what: page data of that turn})
        if workshop is not None:
            loaded = workshop.load_scenario()
            self._scenarios[workshop.scenario_sha256] = loaded
            self._check_same_workshop()
        self.join_code = store.meta_once("join_code", lambda: new_code(JOIN_CODE_LENGTH))
        self.room.settle_started(workshop is None or store.any_decision())

    def _check_same_workshop(self) -> None:
        import json

        pinned = json.dumps(self.workshop.to_json(), sort_keys=True)
        stored = self.store.meta_once("workshop", lambda: pinned)
        if stored != pinned:
            name = json.loads(stored).get("name", "?")
            raise WorkshopError(f"{self.store.path} holds the games of another workshop ('{name}'); "
                                "serve it with its own workshop file, or move that database away")

    # --- who plays what -------------------------------------------------------------------
    @property
    def practice(self) -> bool:
        return self.workshop is None

    @property
    def turn_seconds(self) -> int | None:
        return self.workshop.turn_seconds if self.workshop else None

    @property
    def turns(self) -> int:
        """The workshop's number of turns (0 in free practice, where each visitor has their own scenario)."""
        if self.workshop is None:
            return 0
        return self._scenarios[self.workshop.scenario_sha256].scenario.turns

    def workshop_scenario(self):
        """The scenario every team of the workshop plays (None in free practice: each visitor chooses)."""
        if self.workshop is None:
            return None
        return self._scenarios[self.workshop.scenario_sha256].scenario

    def practice_scenarios(self) -> list[tuple[str, str, str]]:
        """(name, title, summary) of every built-in scenario, for the practice start page."""
        out = []
        for name in builtin_names():
            s = self._load(name).scenario
            out.append((name, s.title, s.summary))
        return out

    def _load(self, name: str) -> LoadedScenario:
        for loaded in self._scenarios.values():
            if loaded.source == name:
                return loaded
        loaded = load(name)
        self._scenarios[loaded.sha256] = loaded
        return loaded

    def join(self, name: str, code: str | None = None, scenario: str | None = None,
             policy: str | None = None, client_bot: str | None = None) -> tuple[TeamRow, str]:
        """A new team: checks the name by the same rule as `--team` and the room's join code.

        `policy`: the server's bot plays it (the console's bot team, no code needed); `client_bot`: a bot
        program joins as a participant (the code needed) and says so, so every screen marks it as a bot."""
        if len(name.strip()) > MAX_TEAM_CHARS:  # said without echoing a pasted essay back
            raise JoinError(f"that team name is too long: use at most {MAX_TEAM_CHARS} characters")
        try:
            name = check_team(name)
        except TeamNameError as exc:  # the join page shows the rule beside the field: there, what is wrong
            raise JoinError(str(exc), join_words.name_refused(exc.short)) from None
        if self.workshop is not None:
            room = self.room.state()
            if room.ended:
                raise JoinError(join_words.ENDED)
            if policy is None and not room.joining_open:
                raise JoinError(join_words.JOINING_CLOSED)
            if policy is None and (code or "").strip().upper() != self.join_code:
                raise WrongCode("that is not this workshop's join code; it is shown on the projector")
            ws = self.workshop
            source, sha, seed, difficulty = ws.scenario, ws.scenario_sha256, ws.seed, ws.difficulty
        else:
            if scenario not in builtin_names():
                raise JoinError("choose one of the scenarios listed")
            loaded = self._load(scenario)
            import secrets

            source, sha, seed, difficulty = scenario, loaded.sha256, secrets.randbelow(10**6), PRACTICE_DIFFICULTY
        try:
            return self.store.add_team(name, source, sha, seed, difficulty, policy, client_bot)
        except DuplicateTeam:
            raise JoinError(f"a team called '{name}' has already joined; if that is you, use your rejoin "
                            "code, otherwise choose another name") from None

    def closed_to_new_teams(self) -> str | None:
        """Why a new team cannot join now (the join page says it at once), or None when it can."""
        if self.workshop is None:
            return None
        room = self.room.state()
        return join_words.ENDED if room.ended else None if room.joining_open else join_words.JOINING_CLOSED

    def rejoin(self, code: str) -> tuple[TeamRow, str]:
        team = self.store.team_by_rejoin_code((code or "").strip().upper().replace("-", "").replace(" ", ""))
        if team is None:
            raise WrongCode("no team has that rejoin code; it is shown under your team's name on the "
                            "first device (8 letters and digits)")
        return team, self.store.issue_token(team.id)

    # --- a team's game -----------------------------------------------------------------------
    def session(self, team: TeamRow) -> Session:
        """The team's game, up to date with every decision in the store.

        The store is asked for newer decisions only when it may have some this process does not know:
        when another connection committed since the last look (`Store.data_version`), or the first time
        a game is used. This process's own decisions reach the cached game in `_commit`, so a request
        that reads the same game five times costs one cheap PRAGMA, not five queries.
        """
        version = self.store.data_version()
        if version != self._version:
            self._version = version
            self._synced.clear()
        session = self._sessions.get(team.id)
        if session is None:
            session = self._new_session(team)
            self._sessions[team.id] = session
            self._synced.discard(team.id)
        if team.id not in self._synced:
            for entry in self.store.decisions(team.id, after=session.turn):
                session.decide(Decision.from_json(entry))
            self._synced.add(team.id)
        return session

    def _new_session(self, team: TeamRow) -> Session:
        loaded = self._scenarios.get(team.scenario_sha256)
        if loaded is None:
            loaded = self._load(team.scenario)
            if loaded.sha256 != team.scenario_sha256:
                raise WorkshopError(f"the scenario '{team.scenario}' changed since team '{team.name}' began")
        session = Session(loaded, team.seed, team.difficulty)
        session.meta = {"team": team.name}
        return session

    def forget(self, team_id: int) -> None:
        """Drop a cached game (tests use it to prove that the store alone rebuilds it)."""
        self._sessions.pop(team_id, None)
        self._synced.discard(team_id)
        self._views.pop(team_id, None)  # a renamed team's pages say its new name

    def view(self, team: TeamRow, what: str, make):
        """Page data that only changes with the turn (the cards, the metrics, the console's row), made once per
        team and turn; a team's data of earlier turns is dropped when it moves on, so the cache holds one turn
        per team."""
        session = self.session(team)
        turn, made = self._views.get(team.id, (None, None))
        if turn != session.turn:
            made = {}
            self._views[team.id] = (session.turn, made)
        found = made.get(what)
        if found is None:
            found = made[what] = make(session)
        return found

    # --- the turn clock (kept by the server, not the browser) ------------------------------------
    def open_turn(self, team: TeamRow) -> float | None:
        """Seconds left on the current turn's clock, noting (and so starting it) when the team first sees the turn."""
        session = self.session(team)
        if session.done:
            return None
        room = self.room.state()
        if room.turn_open(session.turn + 1) or (room.paused and room.started):
            self.store.clock_opened(team.id, session.turn + 1)  # also what the console's status reads
            self.store.act(team.id)
        return self.seconds_left(team, session, room)

    def seconds_left(self, team: TeamRow, session: Session, room: RoomState | None = None) -> float | None:
        """The round clock in rounds, else the workshop's clock for this team (stopped while paused)."""
        room = room or self.room.state()
        if session.done or room.ended:
            return None
        if room.rounds:
            return room.clock_remaining() if session.turn < room.round else None
        if not self.turn_seconds:
            return None
        opened = self.store.clock_of(team.id, session.turn + 1)
        now = room.paused_at if room.paused and room.paused_at else time.time()
        return None if opened is None else max(0.0, opened + self.turn_seconds - now)

    def _overdue(self, team: TeamRow, session: Session, room: RoomState | None = None) -> bool:
        room = room or self.room.state()
        if session.done or room.paused or room.ended:
            return False
        if room.rounds:
            return (room.clock_deadline is not None and session.turn < room.round
                    and time.time() > room.clock_deadline + CLOCK_GRACE)
        if not self.turn_seconds:
            return False
        opened = self.store.clock_of(team.id, session.turn + 1)
        return opened is not None and time.time() > opened + self.turn_seconds + CLOCK_GRACE

    def enforce_clock(self, team: TeamRow) -> TurnReport | None:
        """Decide an expired turn as timed out (no actions, the first answer), as the window does at zero."""
        session = self.session(team)
        if not self._overdue(team, session):
            return None
        self._commit(team, session, session.default_decision())
        return session.reports[-1]

    def decide_timed_out(self, team: TeamRow) -> None:
        """The room's clock ran out on this team's open turn (rounds): decided as the clock decides it."""
        session = self.session(team)
        if not session.done:
            self._commit(team, session, session.default_decision())

    def decide_by_bot(self, team: TeamRow, policy: str) -> Decision:
        """A bot plays the team's current turn, through the same door; the log records which bot."""
        from ..autoplay import bot_decision

        session = self.session(team)
        if session.done:
            raise DecisionError("the game is over; no more decisions can be made")
        decision = replace(bot_decision(session, policy), bot=policy)
        session.check(decision)
        self._commit(team, session, decision)
        return decision

    def last_decided_at(self, team: TeamRow) -> float:
        return self.store.last_decided_at(team.id) or team.joined_at

    # --- deciding ---------------------------------------------------------------------------------
    def decide(self, team: TeamRow, turn: int, decision: Decision) -> Outcome:
        """Apply `decision` as turn `turn`, once; the store has it before this returns."""
        session = self.session(team)
        if turn <= session.turn:
            kept = session.log[turn - 1] if turn >= 1 else None
            if kept is None:
                raise TurnConflict("turn numbers start at 1")
            return Outcome(turn, False, kept, kept.timed_out)
        if turn != session.turn + 1:
            raise TurnConflict(f"turn {turn} cannot be decided yet: the game is at turn {session.turn + 1}")
        if session.done:
            raise DecisionError("the game is over; no more decisions can be made")
        room = self.room.state()
        if not room.turn_open(turn):
            raise RoomHeld(held_reason(room, turn))
        if self._overdue(team, session, room):
            decision = session.default_decision()
        else:
            decision = Decision(decision.actions, decision.choice)  # the client cannot claim a time-out
            session.check(decision)
        self._commit(team, session, decision)
        return Outcome(turn, True, decision, decision.timed_out)

    def _commit(self, team: TeamRow, session: Session, decision: Decision) -> None:
        turn = session.turn + 1
        if not self.store.add_decision(team.id, turn, decision.to_json()):
            self.forget(team.id)  # another process decided this turn first: its decision stands
            self.session(team)
            return
        try:
            session.decide(decision)
        except BaseException:  # the store has it, the cached game does not: rebuild it from the store next time
            self.forget(team.id)
            raise



def held_reason(room: RoomState, turn: int, facilitator: bool = False) -> str:
    """Why the room does not take a decision for `turn` now, in one line for a participant or the facilitator."""
    if room.ended:
        return "the workshop has ended" + ("" if facilitator else "; no more decisions can be made")
    if not room.started:
        return ("play has not started; start play first" if facilitator else
                "the game has not started yet: the facilitator starts it for every team; your decision was not sent")
    if room.paused:
        return ("the room is paused; resume it first" if facilitator else
                "the facilitator has paused the room; your decision was not sent, make it again after the pause")
    if facilitator:
        return f"turn {turn} is not open yet; open the next round first"
    return f"turn {turn} has not opened yet: the room plays in rounds and the facilitator opens the next one"
